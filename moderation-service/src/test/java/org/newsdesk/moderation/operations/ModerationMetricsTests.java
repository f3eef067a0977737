package org.newsdesk.moderation.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.testsupport.PrometheusScrape;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What an operator sees of the newsroom: the queue, the decisions, the sign-ins. */
@ModerationIntegrationTest
class ModerationMetricsTests {

    private static final String APPLICATION = "moderation-service";
    private static final Duration WAITED = Duration.ofHours(3);

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @LocalManagementPort
    int managementPort;

    ModerationTestClient moderation;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
    }

    @Test
    void theQueueSaysHowManyTipsWaitAndHowLongTheOldestHasWaited() throws Exception {
        // Given a tip sent three hours ago, waiting in the queue
        Instant sent = Instant.now().minus(WAITED).truncatedTo(ChronoUnit.MILLIS);
        moderation.submitAndAwaitQueued(TestTips.policePlan(TestTips.newTipId(), sent));

        // When Prometheus scrapes moderation once the queue has been read again
        // Then at least that tip waits, and the oldest has waited at least as long as it
        await().atMost(ModerationTestClient.PATIENCE).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.of(managementPort);
            assertThat(scrape.value("newsdesk_queue_tips_waiting", Map.of("application", APPLICATION)))
                    .isGreaterThanOrEqualTo(1);
            assertThat(scrape.value("newsdesk_queue_oldest_tip_age_seconds", Map.of("application", APPLICATION)))
                    .isGreaterThanOrEqualTo(WAITED.toSeconds());
        });
    }

    @Test
    void decisionsAreCountedByOutcomeAndReasonWithHowLongTheirTipsWaited() throws Exception {
        // Given two tips sent three hours ago
        Instant sent = Instant.now().minus(WAITED).truncatedTo(ChronoUnit.MILLIS);
        String approved = TestTips.newTipId();
        String declined = TestTips.newTipId();
        moderation.submitAndAwaitQueued(TestTips.victimSupport(approved, sent));
        moderation.submitAndAwaitQueued(TestTips.policePlan(declined, sent));
        PrometheusScrape before = PrometheusScrape.of(managementPort);

        // When a moderator approves one and declines the other for a configured reason
        moderation
                .decide(approved, "{\"outcome\": \"APPROVED\"}")
                .expectStatus()
                .isOk();
        moderation
                .decide(
                        declined,
                        "{\"outcome\": \"REJECTED\", \"reasonCode\": \"not-local\", "
                                + "\"reason\": \"It is about Nottingham, not our area.\"}")
                .expectStatus()
                .isOk();

        // Then each decision counts under its outcome and reason (the code, never the typed words)
        PrometheusScrape after = PrometheusScrape.of(managementPort);
        assertThat(increase(before, after, "newsdesk_decisions_total", Map.of("outcome", "approved", "reason", "none")))
                .isEqualTo(1);
        assertThat(increase(
                        before,
                        after,
                        "newsdesk_decisions_total",
                        Map.of("outcome", "rejected", "reason", "not-local")))
                .isEqualTo(1);
        assertThat(after.text()).doesNotContain("Nottingham");
        // And the time from submission to decision is three hours for each, in the histogram's count and sum
        assertThat(increase(before, after, "newsdesk_tips_decision_wait_seconds_count", Map.of("outcome", "rejected")))
                .isEqualTo(1);
        assertThat(increase(before, after, "newsdesk_tips_decision_wait_seconds_sum", Map.of("outcome", "approved")))
                .isBetween((double) WAITED.toSeconds(), WAITED.toSeconds() + 120.0);
        assertThat(after.has("newsdesk_tips_decision_wait_seconds_bucket")).isTrue();
    }

    @Test
    void aWrongPasswordCountsAsAFailedSignIn() {
        // Given the sign-in counts
        PrometheusScrape before = PrometheusScrape.of(managementPort);

        // When someone calls the API with a wrong password
        web.get()
                .uri("/api/queue")
                .headers(headers -> headers.setBasicAuth(ModerationIntegrationTest.MODERATOR, "not-the-password"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        // Then the failure counts, and nothing else does
        PrometheusScrape after = PrometheusScrape.of(managementPort);
        assertThat(increase(before, after, "newsdesk_sign_ins_total", Map.of("outcome", "failed")))
                .isEqualTo(1);
        assertThat(increase(before, after, "newsdesk_sign_ins_total", Map.of("outcome", "throttled")))
                .isZero();
    }

    @Test
    void metricsNeedNoSignInOnTheManagementPortAndAreNotOnThePublicOne() {
        assertThat(PrometheusScrape.of(managementPort).value("newsdesk_ready", Map.of("application", APPLICATION)))
                .isEqualTo(1);
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
        web.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    private static double increase(
            PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
        Map<String, String> ofThisService = new LinkedHashMap<>(labels);
        ofThisService.put("application", APPLICATION);
        return after.increaseSince(before, name, ofThisService);
    }
}
