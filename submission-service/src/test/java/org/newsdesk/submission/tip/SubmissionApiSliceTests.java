package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import com.mongodb.reactivestreams.client.MongoClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsdesk.submission.OutletProperties;
import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.submission.TestClock;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.limit.RateLimitConfiguration;
import org.newsdesk.submission.photo.PhotoProperties;
import org.newsdesk.submission.photo.ResidentPhotos;
import org.newsdesk.submission.privacy.RetentionProperties;
import org.newsdesk.submission.receipt.ReceiptStatus;
import org.newsdesk.submission.receipt.Receipts;
import org.newsdesk.submission.receipt.ResidentRequests;
import org.newsdesk.submission.tip.TipSubmissions.TipAccepted;
import org.newsdesk.web.WebAutoConfiguration;
import org.newsdesk.web.time.OutletTimeAutoConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The resident's HTTP API alone: request mapping, validation and problem details, with neither
 * Kafka nor MongoDB behind it. Whatever is refused here must never reach {@link TipSubmissions}.
 */
// Limits off: the slice's requests all come from one address, and limits have their own tests.
@WebFluxTest(properties = {"newsdesk.submission.tip-rate-limit=0", "newsdesk.submission.receipt-guesses=0"})
// Every page's controller is in the slice; the privacy page states the retention periods.
@EnableConfigurationProperties({
    SubmissionProperties.class,
    OutletProperties.class,
    PhotoProperties.class,
    RetentionProperties.class
})
// The form's date picker offers no day after the outlet's today, read from the service's clock.
@Import({RateLimitConfiguration.class, TestClock.InTests.class})
@ImportAutoConfiguration({WebAutoConfiguration.class, OutletTimeAutoConfiguration.class})
class SubmissionApiSliceTests {

    private static final String RECEIPT = "K7Q2-M9XD-4HRT-PW3C";

    @Autowired
    WebTestClient web;

    @Autowired
    ApplicationContext context;

    @MockitoBean
    TipSubmissions submissions;

    @MockitoBean
    Receipts receipts;

    @MockitoBean
    ResidentPhotos photos;

    @MockitoBean
    ResidentRequests requests;

    @ParameterizedTest(name = "Accept: \"{0}\"")
    @ValueSource(strings = {"", "*/*", "application/json", "text/html;q=0.9, application/json;q=0.8"})
    void anAcceptedTipIsAnsweredInJsonToEveryClientThatTakesJson(String accept) {
        // Given Kafka takes the tip
        given(submissions.submit(any(), any()))
                .willReturn(Mono.just(new TipAccepted("tip-1", RECEIPT, ReceiptStatus.RECEIVED)));

        // When a client that can read JSON sends it, saying so or not
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (!accept.isEmpty()) {
                        headers.set(HttpHeaders.ACCEPT, accept);
                    }
                })
                .bodyValue(TipJson.write(TipJson.complete()))
                .exchange()
                // Then it gets its receipt as JSON
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.LOCATION, "/api/tips/" + RECEIPT)
                .expectBody()
                .jsonPath("$.receipt")
                .isEqualTo(RECEIPT)
                .jsonPath("$.status")
                .isEqualTo("RECEIVED");
    }

    @Test
    void aClientThatCannotReadJsonIsRefusedBeforeTheTipIsSubmitted() {
        // Given a client that only accepts HTML
        // When it sends a valid tip
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_HTML)
                .bodyValue(TipJson.write(TipJson.complete()))
                .exchange()
                // Then it is refused with a 406 problem
                .expectStatus()
                .isEqualTo(HttpStatus.NOT_ACCEPTABLE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(406);

        // And the tip was never handed on for sending
        verifyNoInteractions(submissions);
    }

    @Test
    void anInvalidTipIsAProblemNamingTheFieldAndIsNotSubmitted() {
        // Given a tip without a headline
        // When a JSON client sends it
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(TipJson.without("headline")))
                .exchange()
                // Then the answer is a problem, still in problem+json, that names the field
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Invalid request")
                .jsonPath("$.errors[0].field")
                .isEqualTo("headline")
                .jsonPath("$.errors[0].message")
                .isEqualTo("is required");

        // And nothing was submitted
        verifyNoInteractions(submissions);
    }

    @Test
    void aTipThatIsNotJsonIsAnUnsupportedMediaType() {
        // Given a tip sent as a form
        // When it is sent
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue("headline=Lights&body=Out")
                .exchange()
                // Then it is refused for its type
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(submissions);
    }

    @Test
    void aReceiptThatCannotExistIsNotFoundWithoutALookup() {
        // Given a code that is not of the receipt's shape
        // When it is looked up
        web.get()
                .uri("/api/tips/{receipt}", "hello")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                // Then the answer is a 404 problem
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Unknown receipt");

        // And no stored receipt was searched for it
        verifyNoInteractions(receipts);
    }

    @Test
    void theSliceRunsWithoutKafkaOrMongo() {
        // The point of the slice: it fails fast and alone, so no broker or database client may creep in.
        assertThat(context.getBeanNamesForType(ProducerFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(KafkaAdmin.class)).isEmpty();
        assertThat(context.getBeanNamesForType(MongoClient.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ReactiveMongoOperations.class)).isEmpty();
    }
}
