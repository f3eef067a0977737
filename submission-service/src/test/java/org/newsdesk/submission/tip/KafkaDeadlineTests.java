package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.SubmissionProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ProducerFactory;

/** Kafka must give up on a tip before the resident is told it was not accepted. */
@SubmissionIntegrationTest
class KafkaDeadlineTests {

    @Autowired
    ProducerFactory<?, ?> producers;

    @Autowired
    SubmissionProperties properties;

    @Test
    void theConfiguredProducerGivesUpBeforeTheResidentStopsWaiting() {
        // Given the producer as the service configures it
        Map<String, Object> config = producers.getConfigurationProperties();

        // Then it waits for all replicas, and it gives up on a tip before the resident's wait ends, well inside 2 seconds
        assertThat(config).containsEntry("acks", "all").containsEntry("enable.idempotence", true);
        assertThat(TipSubmissions.warnIfKafkaOutwaitsResidents(config, properties.acceptTimeout())).isFalse();
        assertThat(properties.acceptTimeout()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void kafkasOwnDefaultsWouldOutwaitTheResident() {
        assertThat(TipSubmissions.warnIfKafkaOutwaitsResidents(Map.of(), Duration.ofMillis(1800))).isTrue();
        assertThat(TipSubmissions.warnIfKafkaOutwaitsResidents(
                Map.of("max.block.ms", 1000, "delivery.timeout.ms", 1500), Duration.ofMillis(1800))).isTrue();
    }
}
