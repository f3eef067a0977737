package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.TipWithdrawn;
import org.newsdesk.events.Topics;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.TipState;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.mapping.AbstractJavaTypeMapper;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Messages this service can never process go to the dead-letter topic, and the tips behind them
 * on the same partition still reach the queue.
 */
@ModerationIntegrationTest
class PoisonMessageTests {

    /** Everything on one partition, so the good tip really is stuck behind the poison if it blocks. */
    private static final int PARTITION = 0;

    @Autowired
    WebTestClient webTestClient;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ModeratedTips tips;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextTipIsStillQueued() throws Exception {
        // Given a message that is not JSON, one without a type header, and ones of schema versions from the future
        String notJson = "poison-" + UUID.randomUUID();
        String untyped = "poison-" + UUID.randomUUID();
        String fromTheFuture = "poison-" + UUID.randomUUID();
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE);
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(
                Topics.TIPS_SUBMITTED, PARTITION, notJson, "{\"tipId\": oops".getBytes(StandardCharsets.UTF_8));
        garbage.headers()
                .add(
                        AbstractJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME,
                        TipSubmitted.TYPE.getBytes(StandardCharsets.UTF_8));
        probe.sendRaw(garbage);
        probe.sendRaw(new ProducerRecord<>(
                Topics.TIPS_SUBMITTED,
                PARTITION,
                untyped,
                ("{\"tipId\":\"" + untyped + "\",\"headline\":\"No type\"}").getBytes(StandardCharsets.UTF_8)));
        TipSubmitted current = TestTips.policePlan(fromTheFuture);
        TipSubmitted future = new TipSubmitted(
                current.eventId(),
                TipSubmitted.SCHEMA_VERSION + 1,
                current.occurredAt(),
                fromTheFuture,
                1,
                current.receiptDigest(),
                current.headline(),
                current.body(),
                current.area(),
                current.category(),
                current.contact(),
                current.submittedAt());
        kafka.send(Topics.TIPS_SUBMITTED, PARTITION, fromTheFuture, future).get(30, TimeUnit.SECONDS);
        // (and a withdrawal and an erasure of schema versions from the future, for tips that are queued)
        TipSubmitted known = TestTips.policePlan(TestTips.newTipId());
        kafka.send(Topics.TIPS_SUBMITTED, PARTITION, known.tipId(), known).get(30, TimeUnit.SECONDS);
        String withdrawalFromTheFuture = known.tipId();
        kafka.send(
                        Topics.TIPS_SUBMITTED,
                        PARTITION,
                        withdrawalFromTheFuture,
                        new TipWithdrawn(
                                UUID.randomUUID(),
                                TipWithdrawn.SCHEMA_VERSION + 1,
                                Instant.now(),
                                known.tipId(),
                                2,
                                Instant.now()))
                .get(30, TimeUnit.SECONDS);
        String erasureFromTheFuture = "poison-" + UUID.randomUUID();
        kafka.send(
                        Topics.TIPS_SUBMITTED,
                        PARTITION,
                        erasureFromTheFuture,
                        new ContactErased(
                                UUID.randomUUID(),
                                ContactErased.SCHEMA_VERSION + 1,
                                Instant.now(),
                                known.tipId(),
                                3,
                                Instant.now(),
                                ContactErased.Cause.RESIDENT,
                                false))
                .get(30, TimeUnit.SECONDS);

        // When a good tip follows them on the same partition
        // Then the good tip reaches the queue
        aGoodTipBehindThemIsQueued();
        // And all three poison messages are parked on the dead-letter topic, none of them in the queue
        String deadLetters = Topics.deadLetterOf(Topics.TIPS_SUBMITTED);
        await().atMost(ModerationTestClient.PATIENCE)
                .untilAsserted(() -> assertThat(probe.records(deadLetters))
                        .extracting(record -> record.key())
                        .contains(notJson, untyped, fromTheFuture, withdrawalFromTheFuture, erasureFromTheFuture));
        assertThat(tips.find(fromTheFuture).blockOptional(Duration.ofSeconds(5)))
                .isEmpty();
        ModeratedTip untouched = tips.find(known.tipId()).block(Duration.ofSeconds(5));
        assertThat(untouched.state()).isEqualTo(TipState.PENDING);
        assertThat(untouched.erasure()).isNull();
    }

    @Test
    void anotherEventOrAnEmptyRecordOnTheTopicIsParkedAtOnceAsUnconvertible() throws Exception {
        // Given a decision sent to the submitted tips' topic by mistake, and a record with no value at all
        String misplaced = "misplaced-" + UUID.randomUUID();
        String empty = "empty-" + UUID.randomUUID();
        TipDecided decision = TestTips.approval(misplaced);
        kafka.send(Topics.TIPS_SUBMITTED, PARTITION, misplaced, decision).get(30, TimeUnit.SECONDS);
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE);
        probe.sendRaw(new ProducerRecord<>(Topics.TIPS_SUBMITTED, PARTITION, empty, null));

        // When a good tip follows them on the same partition
        // Then the good tip reaches the queue
        aGoodTipBehindThemIsQueued();
        // And both are parked as messages the intake cannot convert into anything it knows: a failure the
        // shared error handler classes as never retryable, so each is parked on its first, and named as
        // the record's own failure (not as the batch's failure at that record)
        String deadLetters = Topics.deadLetterOf(Topics.TIPS_SUBMITTED);
        Map<String, Class<?>> failures =
                Map.of(misplaced, MessageConversionException.class, empty, MessageConversionException.class);
        failures.forEach((key, failure) -> {
            ConsumerRecord<String, byte[]> parked = await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> probe.rawRecords(deadLetters, key), records -> !records.isEmpty())
                    .get(0);
            assertThat(header(parked, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                    .as(key)
                    .isEqualTo(failure.getName());
        });
        assertThat(tips.find(misplaced).blockOptional(Duration.ofSeconds(5))).isEmpty();
    }

    private void aGoodTipBehindThemIsQueued() throws Exception {
        TipSubmitted good = TestTips.victimSupport(TestTips.newTipId(), Instant.now());
        kafka.send(Topics.TIPS_SUBMITTED, PARTITION, good.tipId(), good).get(30, TimeUnit.SECONDS);
        ModerationTestClient moderation = new ModerationTestClient(webTestClient, kafka);
        await().atMost(ModerationTestClient.PATIENCE)
                .untilAsserted(() -> assertThat(moderation.queuedTipIds()).contains(good.tipId()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
