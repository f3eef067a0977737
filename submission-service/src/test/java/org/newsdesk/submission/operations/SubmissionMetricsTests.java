package org.newsdesk.submission.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipFormPosts;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.photo.PhotoFixtures;
import org.newsdesk.testsupport.PrometheusScrape;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What an operator sees of the residents' side: on the management port, and only there. */
@SubmissionIntegrationTest
class SubmissionMetricsTests {

    private static final String APPLICATION = "submission-service";

    @Autowired
    WebTestClient web;

    @LocalManagementPort
    int managementPort;

    @Test
    void tipsAcceptedAndRefusedAreCountedByChannelAndByTheReasonTheResidentWasGiven() {
        // Given the counts as Prometheus last saw them
        PrometheusScrape before = PrometheusScrape.of(managementPort);

        // When residents send a good tip and three that are refused over the API, and one of each on the form
        TipsApi.submit(web);
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"headline\": \"\", \"body\": \"\"}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("Something happened on the high street")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        MultipartBodyBuilder notAPhoto = new MultipartBodyBuilder();
        notAPhoto.part("tip", TipJson.write(TipJson.complete())).contentType(MediaType.APPLICATION_JSON);
        notAPhoto
                .part("photos", PhotoFixtures.named("swans.jpg", "not a photo at all".getBytes()))
                .contentType(MediaType.IMAGE_JPEG);
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(notAPhoto.build())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        Map<String, String> fields = new LinkedHashMap<>(TipFormPosts.complete());
        fields.put("formToken", TipFormPosts.formToken(web));
        TipFormPosts.post(web, TipFormPosts.multipart(fields)).expectStatus().isOk();
        Map<String, String> noHeadline = new LinkedHashMap<>(TipFormPosts.complete());
        noHeadline.put("formToken", TipFormPosts.formToken(web));
        noHeadline.put("headline", "");
        TipFormPosts.post(web, TipFormPosts.multipart(noHeadline))
                .expectStatus()
                .isBadRequest();

        // Then each counts once, under its channel and reason, and the photo is counted as refused too
        PrometheusScrape after = PrometheusScrape.of(managementPort);
        assertThat(increase(before, after, "newsdesk_tips_accepted_total", Map.of("channel", "api")))
                .isEqualTo(1);
        assertThat(increase(before, after, "newsdesk_tips_accepted_total", Map.of("channel", "form")))
                .isEqualTo(1);
        assertThat(increase(
                        before, after, "newsdesk_tips_refused_total", Map.of("channel", "api", "reason", "invalid")))
                .isEqualTo(1);
        assertThat(increase(
                        before,
                        after,
                        "newsdesk_tips_refused_total",
                        Map.of("channel", "api", "reason", "unsupported_type")))
                .isEqualTo(2);
        assertThat(increase(
                        before, after, "newsdesk_tips_refused_total", Map.of("channel", "form", "reason", "invalid")))
                .isEqualTo(1);
        assertThat(increase(before, after, "newsdesk_photos_refused_total", Map.of("reason", "unsupported_type")))
                .isEqualTo(1);
        // And a reason nobody was given exists all the same, at zero, so that its first increase shows
        assertThat(after.text())
                .contains("newsdesk_tips_refused_total{application=\"" + APPLICATION
                        + "\",channel=\"form\",reason=\"rate_limited\"}");
    }

    @Test
    void metricsAreServedOnTheManagementPortWhileHealthStaysOnThePublicOne() {
        // Given the service, ready
        // When an operator's Prometheus scrapes its management port
        PrometheusScrape scrape = PrometheusScrape.of(managementPort);

        // Then it sees the service ready, its HTTP histograms and its outbox, tagged with the service's name
        assertThat(scrape.value("newsdesk_ready", Map.of("application", APPLICATION)))
                .isEqualTo(1);
        assertThat(scrape.has("http_server_requests_seconds_bucket")).isTrue();
        assertThat(scrape.has("newsdesk_outbox_events_total")).isTrue();
        assertThat(scrape.has("newsdesk_records_dead_lettered_total")).isTrue();
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();

        // And on the public port, health and its probes answer while metrics and the rest of the actuator do not
        for (String probe :
                new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"}) {
            web.get()
                    .uri(probe)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
        }
        web.get().uri("/actuator/health/nonsense").exchange().expectStatus().isNotFound();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
        web.get().uri("/actuator/info").exchange().expectStatus().isNotFound();
    }

    private static double increase(
            PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
        Map<String, String> ofThisService = new LinkedHashMap<>(labels);
        ofThisService.put("application", APPLICATION);
        return after.increaseSince(before, name, ofThisService);
    }
}
