package org.newsdesk.publishing.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.publishing.DecisionPartition;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.newsdesk.testsupport.PrometheusScrape;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What an operator sees of publishing: how long approvals take to become stories, and what was parked. */
@PublishingIntegrationTest
class PublishingMetricsTests {

    private static final String APPLICATION = "publishing-service";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    StoryRepository stories;

    @Autowired
    WebTestClient web;

    @LocalManagementPort
    int managementPort;

    DecisionPartition decisions;

    @BeforeEach
    void setUp() {
        decisions = new DecisionPartition(kafka, new KafkaTopicProbe(broker.getBrokersAsString()));
    }

    @Test
    void anApprovalStoredIsTimedFromTheDecisionAndARecordParkedIsCountedByItsTopic() {
        // Given what Prometheus last saw
        PrometheusScrape before = PrometheusScrape.of(managementPort);
        Map<String, String> decided = Map.of("application", APPLICATION, "topic", Topics.TIPS_DECIDED);

        // When a decision that cannot be read arrives, then an approval
        decisions.sendRaw(
                Decisions.newTipId(), "{\"tipId\": \"unterminated".getBytes(StandardCharsets.UTF_8), TipDecided.TYPE);
        String tipId = Decisions.newTipId();
        decisions.send(Decisions.approved(tipId, "Community garden opens", "Volunteers planted 40 trees."));
        await().atMost(PATIENCE)
                .until(() -> stories.findById(tipId)
                        .blockOptional(Duration.ofSeconds(5))
                        .isPresent());

        // Then the story's publication is timed, and the parked record counted under the topic it came from
        await().atMost(PATIENCE).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.of(managementPort);
            assertThat(after.increaseSince(before, "newsdesk_records_dead_lettered_total", decided))
                    .isGreaterThanOrEqualTo(1);
            Map<String, String> service = Map.of("application", APPLICATION);
            double stored = after.increaseSince(before, "newsdesk_stories_publication_delay_seconds_count", service);
            double waited = after.increaseSince(before, "newsdesk_stories_publication_delay_seconds_sum", service);
            assertThat(stored).isGreaterThanOrEqualTo(1);
            // Each from its decision to its story: seconds at most here, never negative
            assertThat(waited).isBetween(0.0, stored * PATIENCE.toSeconds());
            assertThat(after.has("newsdesk_stories_publication_delay_seconds_bucket"))
                    .isTrue();
        });
    }

    @Test
    void theConsumersLagAndTheListenersTimesAreScrapedAndNothingOnThePublicPort() {
        PrometheusScrape scrape = PrometheusScrape.of(managementPort);

        assertThat(scrape.value("newsdesk_ready", Map.of("application", APPLICATION)))
                .isEqualTo(1);
        assertThat(scrape.has("kafka_consumer_fetch_manager_records_lag_max")).isTrue();
        assertThat(scrape.has("spring_kafka_listener_seconds_count")).isTrue();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
    }
}
