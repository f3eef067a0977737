package org.newsdesk.submission.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.submission.limit.RateLimitConfiguration;
import org.newsdesk.submission.photo.PhotoProperties;
import org.newsdesk.web.WebAutoConfiguration;
import org.newsdesk.web.time.OutletTimeAutoConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * A receipt lookup that fails on our side is logged without the code it was for, whether our
 * controller advice or Boot's error handler answers it. The failures are staged here, where a
 * filter can break a request before any controller sees it; {@code SecretsStayOutOfLogsTests}
 * fails a lookup on the real service.
 */
@WebFluxTest(controllers = ReceiptController.class)
@EnableConfigurationProperties({SubmissionProperties.class, PhotoProperties.class})
@Import({ReceiptPathRedaction.class, ReceiptPathRedactionTests.BrokenFilter.class, RateLimitConfiguration.class})
@ImportAutoConfiguration({WebAutoConfiguration.class, OutletTimeAutoConfiguration.class})
@ExtendWith(OutputCaptureExtension.class)
class ReceiptPathRedactionTests {

    private static final String RECEIPT = "K7Q2-M9XD-4HRT-PW3C";

    @Autowired
    WebTestClient web;

    @MockitoBean
    Receipts receipts;

    @MockitoBean
    ResidentRequests requests;

    @Test
    void aLookupMongoDbCannotAnswerIsLoggedWithoutTheCode(CapturedOutput output) {
        // Given MongoDB cannot be reached
        given(receipts.find(any()))
                .willReturn(Mono.error(new DataAccessResourceFailureException("MongoDB is unreachable")));

        // When a resident looks up their receipt
        web.get()
                .uri("/api/tips/{receipt}", RECEIPT)
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .is5xxServerError();

        // Then the failure is logged, naming the route but not the code
        assertThat(output).contains("GET /api/tips/{redacted} failed");
        assertCodeNeverLogged(output);
    }

    @Test
    void aLookupThatFailsBeforeAnyControllerIsLoggedWithoutTheCode(CapturedOutput output) {
        // Given a request that breaks before it reaches a controller
        // When a resident looks up their receipt
        web.get()
                .uri("/api/tips/{receipt}", RECEIPT)
                .accept(MediaType.APPLICATION_JSON)
                .header(BrokenFilter.BREAK, "yes")
                .exchange()
                .expectStatus()
                .is5xxServerError();

        // Then the shared error handler logs it, naming the route but not the code
        assertThat(output).contains("GET /api/tips/{redacted} failed: java.lang.IllegalStateException");
        assertCodeNeverLogged(output);
    }

    @Test
    void aWithdrawalOrErasureThatFailsIsLoggedWithoutTheCodeButWithTheAct(CapturedOutput output) {
        // Given MongoDB cannot be reached
        given(receipts.find(any()))
                .willReturn(Mono.error(new DataAccessResourceFailureException("MongoDB is unreachable")));

        // When a resident withdraws their tip, and erases their contact details
        for (String act : new String[] {"withdrawal", "erasure"}) {
            web.post()
                    .uri("/api/tips/{receipt}/" + act, RECEIPT)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .is5xxServerError();
        }

        // Then each failure is logged, naming the route and the act but not the code
        assertThat(output)
                .contains("POST /api/tips/{redacted}/withdrawal failed")
                .contains("POST /api/tips/{redacted}/erasure failed");
        assertCodeNeverLogged(output);
    }

    @Test
    void whateverFollowsTheCodeOtherThanAnActIsRedactedWithIt() {
        // Given requests with the code and something after it
        var withAct =
                MockServerHttpRequest.post("/api/tips/" + RECEIPT + "/erasure").build();
        var withOther = MockServerHttpRequest.get("/api/tips/" + RECEIPT + "/" + RECEIPT)
                .build();

        // When they are redacted, Then they still route as they came and print without the code
        assertThat(ReceiptPathRedaction.redacted(withAct).getPath().toString())
                .isEqualTo("/api/tips/{redacted}/erasure");
        assertThat(ReceiptPathRedaction.redacted(withAct).getPath().value()).endsWith(RECEIPT + "/erasure");
        assertThat(ReceiptPathRedaction.redacted(withOther).getPath().toString())
                .isEqualTo("/api/tips/{redacted}");
    }

    private static void assertCodeNeverLogged(CapturedOutput output) {
        assertThat(output.getAll().toUpperCase(Locale.ROOT))
                .doesNotContain(RECEIPT)
                .doesNotContain(RECEIPT.replace("-", ""));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class BrokenFilter {

        static final String BREAK = "X-Break-Before-Controller";

        @Bean
        WebFilter breakOnRequest() {
            return (exchange, chain) -> exchange.getRequest().getHeaders().containsHeader(BREAK)
                    ? Mono.error(new IllegalStateException("A filter broke"))
                    : chain.filter(exchange);
        }
    }
}
