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
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
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
    ConsumerFactory<?, ?> consumerFactory;

    @Autowired
    RecordingListener listener;

    @Autowired
    NewsdeskKafkaProperties properties;

    @Autowired
    TcpDependency database;

    @Autowired
    KafkaListenerEndpointRegistry containers;

    KafkaTopicProbe probe;

    @AfterEach
    void databaseBack() {
        database.up();
    }

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
        record.headers()
                .forEach(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                        .doesNotContain("org.newsdesk"));
        assertThat(record.value())
                .contains("\"headline\":\"Roadworks on the high street\"")
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
    void idleConsumersAskTheBrokerEveryTwoSecondsNotTwiceASecond() {
        Map<String, Object> config = consumerFactory.getConfigurationProperties();

        assertThat(config).containsEntry("fetch.max.wait.ms", 2000);
        // A record that arrives meanwhile is answered at once: a fetch waits for one byte only
        assertThat(config).doesNotContainKey("fetch.min.bytes");
    }

    @Test
    void eventTopicsKeepEveryEventForRebuildsAndDeadLettersForNinetyDays() throws Exception {
        // When the declared topics' configuration is read back from the broker
        Map<String, String> retention;
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.getBrokersAsString()))) {
            List<ConfigResource> topics = List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, TOPIC),
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.deadLetterOf(TOPIC)));
            retention = admin.describeConfigs(topics).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(
                            entry -> entry.getKey().name(),
                            entry -> entry.getValue().get("retention.ms").value()));
        }

        // Then the events stay for ever, dead letters for 90 days
        assertThat(retention)
                .containsEntry(TOPIC, "-1")
                .containsEntry(
                        Topics.deadLetterOf(TOPIC),
                        Long.toString(Duration.ofDays(90).toMillis()));
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
    void duringAnOutageTheContainerPausesForAsLongAsItLastsAndTheEventIsThenProcessed() {
        // Given the listener's database is down
        database.down();
        TipSubmitted tip = tip(RecordingListener.NEEDS_DATABASE);

        // When an event arrives that needs it
        publisher.publish(TOPIC, tip).block(Duration.ofSeconds(10));

        // Then the container pauses, again and again, for longer than a bug's retries would last
        await().untilAsserted(() -> assertThat(
                        containers.getListenerContainer(RecordingListener.ID).isPauseRequested())
                .isTrue());
        await().until(() -> listener.attempts(tip.tipId()) > properties.retry().attempts() + 2);
        assertThat(probe.records(Topics.deadLetterOf(TOPIC), tip.tipId())).isEmpty();

        // And once the database is back, the event is processed, never having been parked
        database.up();
        await().untilAsserted(() -> assertThat(listener.headlines()).contains(RecordingListener.NEEDS_DATABASE));
        assertThat(probe.records(Topics.deadLetterOf(TOPIC), tip.tipId())).isEmpty();
    }

    @Test
    void aTimeoutWhileEveryDependencyAnswersIsTheEventsOwnAndParksItAfterBoundedRetries() {
        // Given an event whose query is too slow, although the databases answer
        TipSubmitted tip = tip(RecordingListener.SLOW_QUERY);

        // When it is published
        publisher.publish(TOPIC, tip).block(Duration.ofSeconds(10));

        // Then it is parked, with its reason, after the retries a bug gets
        ConsumerRecord<String, String> parked = probe.awaitRecord(Topics.deadLetterOf(TOPIC), tip.tipId());
        assertThat(new String(
                        parked.headers()
                                .lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo(QueryTimeoutException.class.getName());
        assertThat(listener.attempts(tip.tipId())).isEqualTo(properties.retry().attempts() + 1);
    }

    @Test
    void anEventTheListenerFailsOnForOtherReasonsIsRetriedAFewTimesThenParked() {
        // Given an event that trips a bug in the listener
        TipSubmitted tip = tip(RecordingListener.BUG);

        // When it is published
        publisher.publish(TOPIC, tip).block(Duration.ofSeconds(10));

        // Then it reaches the dead-letter topic after the first attempt and the configured retries
        ConsumerRecord<String, String> parked = probe.awaitRecord(Topics.deadLetterOf(TOPIC), tip.tipId());
        assertThat(new String(
                        parked.headers()
                                .lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(listener.attempts(tip.tipId())).isEqualTo(properties.retry().attempts() + 1);
    }

    private static TipSubmitted tip(String headline) {
        return TipSubmitted.of(
                UUID.randomUUID().toString(),
                null,
                headline,
                "Body of " + headline,
                "Town centre",
                "Transport",
                null,
                Instant.now());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ConventionsApplication {

        @Bean
        KafkaAdmin.NewTopics conventionTopics(NewsdeskKafkaProperties properties) {
            return new TopicDeclarations(properties).withDeadLetters(List.of(TOPIC));
        }

        /** A database of the listener's own, on a real socket the tests can take down and bring back. */
        @Bean
        TcpDependency database() {
            return TcpDependency.start("the listener's database");
        }

        @Bean
        RecordingListener recordingListener(TcpDependency database) {
            return new RecordingListener(database);
        }
    }

    static class RecordingListener {

        static final String UNPROCESSABLE = "unprocessable";
        static final String ID = "conventions-listener";
        static final String NEEDS_DATABASE = "needs the database";
        static final String SLOW_QUERY = "a query too slow";
        static final String BUG = "trips a bug";
        private final TcpDependency database;

        private final List<String> headlines = new CopyOnWriteArrayList<>();
        private final AtomicInteger unprocessableAttempts = new AtomicInteger();
        private final Map<String, AtomicInteger> attemptsByTip = new ConcurrentHashMap<>();

        RecordingListener(TcpDependency database) {
            this.database = database;
        }

        @KafkaListener(id = ID, topics = TOPIC)
        void on(TipSubmitted tip) {
            int attempt = attemptsByTip
                    .computeIfAbsent(tip.tipId(), id -> new AtomicInteger())
                    .incrementAndGet();
            if (UNPROCESSABLE.equals(tip.headline())) {
                unprocessableAttempts.incrementAndGet();
                throw new UnprocessableEventException("rejected on purpose");
            }
            if (NEEDS_DATABASE.equals(tip.headline()) && !database.answers(Duration.ofMillis(200))) {
                throw new DataAccessResourceFailureException("Timed out while waiting for a server");
            }
            if (SLOW_QUERY.equals(tip.headline())) {
                throw new QueryTimeoutException("Query exceeded its time limit");
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
