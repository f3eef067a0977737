package org.newsdesk.publishing.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.UnprocessableEventException;
import org.newsdesk.publishing.DecisionPartition;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.messaging.converter.MessageConversionException;
import tools.jackson.databind.json.JsonMapper;

/** Messages the service can never process are parked on the dead-letter topic and do not hold up the next ones. */
@PublishingIntegrationTest
class DeadLetterTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = Topics.deadLetterOf(Topics.TIPS_DECIDED);

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    StoryRepository stories;

    KafkaTopicProbe probe;
    DecisionPartition decisions;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
        decisions = new DecisionPartition(kafka, probe);
    }

    @Test
    void invalidJsonGoesToTheDeadLetterTopicAndTheNextMessageIsProcessed() {
        // Given bytes that claim to be a decision but are not JSON
        String poisonKey = Decisions.newTipId();
        byte[] poison = "{\"tipId\": \"unterminated".getBytes(StandardCharsets.UTF_8);

        // When they arrive, followed by a good decision
        decisions.sendRaw(poisonKey, poison, TipDecided.TYPE);
        String good = sendGoodDecision();

        // Then the good one is published and the poison is parked, bytes intact
        awaitStored(good);
        ConsumerRecord<String, byte[]> parked = awaitDeadLetter(poisonKey);
        assertThat(parked.value()).isEqualTo(poison);
        assertThat(header(parked, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.TIPS_DECIDED);
    }

    @Test
    void aMessageWithoutTypeHeaderGoesToTheDeadLetterTopic() {
        // Given a well-formed decision that lacks the header naming its type
        String poisonKey = Decisions.newTipId();
        byte[] untyped = json(Decisions.approved(poisonKey, "Untyped", "Nobody said what this is"));

        // When it arrives, followed by a good decision
        decisions.sendRaw(poisonKey, untyped, null);
        String good = sendGoodDecision();

        // Then the good one is published, the untyped one parked and not published
        awaitStored(good);
        assertThat(awaitDeadLetter(poisonKey).value()).isEqualTo(untyped);
        assertThat(stories.findById(poisonKey).blockOptional()).isEmpty();
    }

    @Test
    void anUnknownSchemaVersionGoesToTheDeadLetterTopic() {
        // Given a decision from a future version of the contract
        String tipId = Decisions.newTipId();
        TipDecided future = new TipDecided(
                UUID.randomUUID(),
                2,
                Instant.now(),
                tipId,
                2,
                TipDecided.Outcome.APPROVED,
                "From the future",
                "Version two",
                null,
                null,
                null,
                "moderator",
                Instant.now());

        // When it arrives, followed by a good decision
        decisions.send(future);
        String good = sendGoodDecision();

        // Then it is parked as unprocessable, and nothing is published for it
        awaitStored(good);
        assertThat(header(awaitDeadLetter(tipId), KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(UnprocessableEventException.class.getName());
        assertThat(stories.findById(tipId).blockOptional()).isEmpty();
        assertThat(probe.records(Topics.STORIES_PUBLISHED, tipId)).isEmpty();
    }

    @Test
    void anApprovedDecisionWithoutBodyGoesToTheDeadLetterTopic() {
        // Given an approval that has nothing to publish
        String tipId = Decisions.newTipId();
        TipDecided empty = Decisions.approved(tipId, "A headline and nothing else", " ");

        // When it arrives, followed by a good decision
        decisions.send(empty);
        String good = sendGoodDecision();

        // Then it is parked as unprocessable
        awaitStored(good);
        assertThat(header(awaitDeadLetter(tipId), KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(UnprocessableEventException.class.getName());
        assertThat(stories.findById(tipId).blockOptional()).isEmpty();
    }

    @Test
    void anotherEventTypeOnTheTopicGoesToTheDeadLetterTopicAtOnce() throws Exception {
        // Given an event of another type, well-formed and named by its type header, on the decisions' topic
        String tipId = Decisions.newTipId();
        StoryPublished stray = new StoryPublished(
                UUID.randomUUID(),
                StoryPublished.SCHEMA_VERSION,
                Instant.now(),
                tipId,
                1,
                "stray-story",
                "A stray story",
                "https://news.example.org/stories/stray-story",
                Instant.now());

        // When it arrives, followed by a good decision
        kafka.send(new ProducerRecord<>(Topics.TIPS_DECIDED, 0, tipId, stray)).get(10, TimeUnit.SECONDS);
        String good = sendGoodDecision();

        // Then it is parked as what it is, a message the listener cannot take, without being retried,
        // and nothing is published for it
        awaitStored(good);
        ConsumerRecord<String, byte[]> parked = awaitDeadLetter(tipId);
        assertThat(header(parked, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(MessageConversionException.class.getName());
        assertThat(stories.findById(tipId).blockOptional()).isEmpty();
    }

    private String sendGoodDecision() {
        String tipId = Decisions.newTipId();
        decisions.send(Decisions.approved(tipId, "Community garden opens", "Volunteers planted 40 trees."));
        return tipId;
    }

    private void awaitStored(String tipId) {
        await().atMost(PATIENCE)
                .until(() -> stories.findById(tipId)
                        .blockOptional(Duration.ofSeconds(5))
                        .isPresent());
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        List<ConsumerRecord<String, byte[]>> parked = await().atMost(PATIENCE)
                .until(() -> probe.rawRecords(DEAD_LETTERS, key), records -> !records.isEmpty());
        assertThat(parked).hasSize(1);
        return parked.get(0);
    }

    /** The JSON of a decision, without the type header that normally travels with it. */
    private static byte[] json(Object event) {
        return JsonMapper.builder().build().writeValueAsBytes(event);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
