package org.newsdesk.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outage.OutageAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Kafka's log lines name a record by topic, partition, offset and key, never by its value, which
 * carries the resident's contact details. Spring Kafka's own dead-letter and retry lines are
 * exercised in the services' tests; these cover what they do not reach.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecordMetadataLoggingTests {

    private static final TipSubmitted.Contact CONTACT =
            new TipSubmitted.Contact("Mara Quill", "mara.quill@example.org", "+44 115 496 0831");

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    KafkaAutoConfiguration.class, NewsdeskKafkaAutoConfiguration.class, OutageAutoConfiguration.class))
            // Nothing listens on the discard port: every send fails, after a short wait for metadata.
            .withPropertyValues(
                    "spring.kafka.bootstrap-servers=127.0.0.1:9", "spring.kafka.producer.properties.max.block.ms=200");

    @Test
    void aSendThatFailsIsLoggedWithoutTheEventItCarried(CapturedOutput output) {
        contexts.run(context -> {
            // Given a tip with the resident's contact details
            TipSubmitted tip = tip();

            // When Kafka cannot take it
            @SuppressWarnings("unchecked")
            KafkaTemplate<Object, Object> kafka = context.getBean(KafkaTemplate.class);
            assertThatThrownBy(
                    () -> kafka.send(Topics.TIPS_SUBMITTED, tip.tipId(), tip).join());

            // Then the failure is logged with its topic, and nothing of the event
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(output)
                            .contains("Exception thrown when sending a message")
                            .contains(Topics.TIPS_SUBMITTED));
            assertThat(output)
                    .doesNotContain(tip.eventId().toString())
                    .doesNotContain(CONTACT.name())
                    .doesNotContain(CONTACT.email())
                    .doesNotContain(CONTACT.phone());
        });
    }

    @Test
    void springKafkaFormatsRecordsByTheirMetadata() {
        contexts.run(context -> {
            // Given the conventions are applied, and records carrying a tip
            TipSubmitted tip = tip();
            ConsumerRecord<String, Object> received =
                    new ConsumerRecord<>(Topics.TIPS_SUBMITTED, 2, 41L, tip.tipId(), tip);
            ProducerRecord<String, Object> sent = new ProducerRecord<>(Topics.TIPS_SUBMITTED, 2, tip.tipId(), tip);

            // Then Spring Kafka describes each by where it is
            assertThat(KafkaUtils.format(received))
                    .isEqualTo(Topics.TIPS_SUBMITTED + "-2@41 (key " + tip.tipId() + ")");
            assertThat(KafkaUtils.format(sent)).isEqualTo(Topics.TIPS_SUBMITTED + "-2 (key " + tip.tipId() + ")");
        });
    }

    @Test
    void aTipPrintedWholeStillHidesItsContactDetails() {
        // Given a tip with the resident's contact details
        TipSubmitted tip = tip();

        // Then its string form, which exception messages quote, leaves them out
        assertThat(tip.toString())
                .contains(tip.tipId())
                .contains("Contact[redacted]")
                .doesNotContain(CONTACT.name())
                .doesNotContain(CONTACT.email())
                .doesNotContain(CONTACT.phone());
    }

    private static TipSubmitted tip() {
        return TipSubmitted.of(
                UUID.randomUUID().toString(),
                null,
                "Bins not collected",
                "Third week running.",
                "Long Eaton",
                "Community",
                CONTACT,
                Instant.now());
    }
}
