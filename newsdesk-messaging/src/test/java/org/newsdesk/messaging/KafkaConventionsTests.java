package org.newsdesk.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * The conventions every service inherits, on a real KRaft broker: what goes on the wire, and
 * what happens to a message whose listener fails: poison is parked at once, a bug after a few
 * retries, and an outage is waited out.
 */
@MessagingIntegrationTest
class KafkaConventionsTests {

    static final String TOPIC = MessagingIntegrationTest.TOPIC;

    @Autowired
    EventPublisher publisher;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ProducerFactory<?, ?> producerFactory;

    @Autowired
    RecordingListener listener;

    @Autowired
    NewsdeskKafkaProperties properties;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void eventsTravelAsJsonKeyedByTipIdUnderALogicalTypeName() {
        // Given a tip
        TipSubmitted tip = tip("Roadworks on the high street");

        // When it is published
        publisher.publish(TOPIC, tip).block(Duration.ofSeconds(10));

        // Then the raw record names the type logically, never by Java class, and is keyed by the tip id
        ConsumerRecord<String, String> record = probe.awaitRecord(TOPIC, tip.tipId());
        Header typeHeader = record.headers().lastHeader("__TypeId__");
        assertThat(new String(typeHeader.value(), StandardCharsets.UTF_8)).isEqualTo(TipSubmitted.TYPE);
        record.headers().forEach(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                .doesNotContain("org.newsdesk"));
        assertThat(record.value()).contains("\"headline\":\"Roadworks on the high street\"")
                .contains("\"submittedAt\":\"");
        // And the listener got it back as the record type
        await().untilAsserted(() -> assertThat(listener.headlines()).contains("Roadworks on the high street"));
    }

    @Test
    void producersWaitForAllReplicasAndNeverWriteTwice() {
        Map<String, Object> config = producerFactory.getConfigurationProperties();

        assertThat(config).containsEntry("acks", "all").containsEntry("enable.idempotence", true);
    }

    @Test
    void eventTopicsKeepEveryEventForRebuildsAndDeadLettersForNinetyDays() throws Exception {
        // When the declared topics' configuration is read back from the broker
        Map<String, String> retention;
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.getBrokersAsString()))) {
            List<ConfigResource> topics = List.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC),
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.deadLetterOf(TOPIC)));
            retention = admin.describeConfigs(topics).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(entry -> entry.getKey().name(),
                            entry -> entry.getValue().get("retention.ms").value()));
        }

        // Then the events stay for ever, dead letters for 90 days
        assertThat(retention).containsEntry(TOPIC, "-1")
                .containsEntry(Topics.deadLetterOf(TOPIC), Long.toString(Duration.ofDays(90).toMillis()));
    }

    @Test
    void bytesThatAreNotAnEventGoToTheDeadLetterTopicAndTheNextMessageIsProcessed() {
        // Given garbage, then a good event, on the same partition
        String key = UUID.randomUUID().toString();
        probe.sendRaw(new ProducerRecord<>(TOPIC, key, "{not json".getBytes(StandardCharsets.UTF_8)));
        publisher.publish(TOPIC, tip("After the garbage")).block(Duration.ofSeconds(10));

        // Then the garbage is parked, byte for byte, and the good event still arrives
        ConsumerRecord<String, String> parked = probe.awaitRecord(Topics.deadLetterOf(TOPIC), key);
        assertThat(parked.value()).isEqualTo("{not json");
        assertThat(parked.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        await().untilAsserted(() -> assertThat(listener.headlines()).contains("After the garbage"));
    }

    @Test
    void jsonWithoutATypeHeaderIsPoisonNotAMap() {
        // Given a JSON message without the type header
        String key = UUID.randomUUID().toString();
        probe.sendRaw(new ProducerRecord<>(TOPIC, key, "{\"headline\":\"no type\"}".getBytes(StandardCharsets.UTF_8)));

        // Then it is parked on the dead-letter topic
        assertThat(probe.awaitRecord(Topics.deadLetterOf(TOPIC), key).value()).contains("no type");
    }

    @Test
    void anUnprocessableEventIsParkedWithoutRetries() {
        // Given an event the listener rejects as unprocessable
        TipSubmitted poison = tip(RecordingListener.UNPROCESSABLE);

        // When it is published
        publisher.publish(TOPIC, poison).block(Duration.ofSeconds(10));

        // Then it reaches the dead-letter topic as JSON, after exactly one attempt
        ConsumerRecord<String, String> parked = probe.awaitRecord(Topics.deadLetterOf(TOPIC), poison.tipId());
        assertThat(parked.value()).contains(RecordingListener.UNPROCESSABLE);
        assertThat(listener.unprocessableAttempts()).isEqualTo(1);
    }

    @Test
    void anEventWaitsOutAnOutageLongerThanTheRetriesABugGetsAndIsThenProcessed() {
        // Given an event whose listener finds MongoDB down more often than a bug would be retried
        TipSubmitted tip = tip(RecordingListener.OUTAGE);
        assertThat(RecordingListener.OUTAGE_FAILURES).isGreaterThan(properties.retry().attempts() + 1);

        // When it is published
        publisher.publish(TOPIC, tip).block(Duration.ofSeconds(10));

        // Then it is processed once MongoDB is back
        await().untilAsserted(() -> assertThat(listener.headlines()).contains(RecordingListener.OUTAGE));
        assertThat(listener.attempts(tip.tipId())).isEqualTo(RecordingListener.OUTAGE_FAILURES + 1);
        // And it was never parked as poison
        assertThat(probe.records(Topics.deadLetterOf(TOPIC), tip.tipId())).isEmpty();
    }

    @Test
    void anEventTheListenerFailsOnForOtherReasonsIsRetriedAFewTimesThenParked() {
        // Given an event that trips a bug in the listener
        TipSubmitted tip = tip(RecordingListener.BUG);

        // When it is published
        publisher.publish(TOPIC, tip).block(Duration.ofSeconds(10));

        // Then it reaches the dead-letter topic after the first attempt and the configured retries
        ConsumerRecord<String, String> parked = probe.awaitRecord(Topics.deadLetterOf(TOPIC), tip.tipId());
        assertThat(new String(parked.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN).value(),
                StandardCharsets.UTF_8)).isEqualTo(IllegalStateException.class.getName());
        assertThat(listener.attempts(tip.tipId())).isEqualTo(properties.retry().attempts() + 1);
    }

    private static TipSubmitted tip(String headline) {
        return TipSubmitted.of(UUID.randomUUID().toString(), null, headline, "Body of " + headline,
                "Town centre", "Transport", null, Instant.now());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ConventionsApplication {

        @Bean
        KafkaAdmin.NewTopics conventionTopics(TopicDeclarations topics) {
            return topics.withDeadLetters(TOPIC);
        }

        @Bean
        RecordingListener recordingListener() {
            return new RecordingListener();
        }
    }

    static class RecordingListener {

        static final String UNPROCESSABLE = "unprocessable";
        static final String OUTAGE = "MongoDB is restarting";
        static final String BUG = "trips a bug";
        /** More than the first attempt and the 3 retries a bug gets. */
        static final int OUTAGE_FAILURES = 6;

        private final List<String> headlines = new CopyOnWriteArrayList<>();
        private final AtomicInteger unprocessableAttempts = new AtomicInteger();
        private final Map<String, AtomicInteger> attemptsByTip = new ConcurrentHashMap<>();

        @KafkaListener(topics = TOPIC)
        void on(TipSubmitted tip) {
            int attempt = attemptsByTip.computeIfAbsent(tip.tipId(), id -> new AtomicInteger()).incrementAndGet();
            if (UNPROCESSABLE.equals(tip.headline())) {
                unprocessableAttempts.incrementAndGet();
                throw new UnprocessableEventException("rejected on purpose");
            }
            if (OUTAGE.equals(tip.headline()) && attempt <= OUTAGE_FAILURES) {
                throw new DataAccessResourceFailureException("Timed out while waiting for a server");
            }
            if (BUG.equals(tip.headline())) {
                throw new IllegalStateException("a bug in the listener");
            }
            headlines.add(tip.headline());
        }

        List<String> headlines() {
            return headlines;
        }

        int unprocessableAttempts() {
            return unprocessableAttempts.get();
        }

        int attempts(String tipId) {
            AtomicInteger attempts = attemptsByTip.get(tipId);
            return attempts == null ? 0 : attempts.get();
        }
    }
}
