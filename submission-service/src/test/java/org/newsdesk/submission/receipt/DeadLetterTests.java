package org.newsdesk.submission.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.TipsApi.AcceptedTip;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A decision nobody can read is parked on the dead-letter topic; the decisions after it still count. */
@SubmissionIntegrationTest
class DeadLetterTests {

    private static final String DECISIONS_DLT = Topics.deadLetterOf(Topics.TIPS_DECIDED);

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void poisonOnTheDecisionsTopicIsParkedAndTheNextDecisionIsApplied() throws Exception {
        // Given a tip waiting for its decision
        AcceptedTip tip = TipsApi.submit(web);

        // And, ahead of its decision, bytes that are not JSON, JSON without a type, and a decision of an unknown
        // version
        String notJson = UUID.randomUUID().toString();
        String untyped = UUID.randomUUID().toString();
        String futureVersion = UUID.randomUUID().toString();
        probe.sendRaw(new ProducerRecord<>(
                Topics.TIPS_DECIDED, notJson, "{\"outcome\": APPROVED".getBytes(StandardCharsets.UTF_8)));
        probe.sendRaw(new ProducerRecord<>(
                Topics.TIPS_DECIDED,
                untyped,
                ("{\"tipId\": \"" + untyped + "\", \"outcome\": \"APPROVED\"}").getBytes(StandardCharsets.UTF_8)));
        Instant now = Instant.now();
        kafka.send(
                        Topics.TIPS_DECIDED,
                        futureVersion,
                        new TipDecided(
                                UUID.randomUUID(),
                                99,
                                now,
                                futureVersion,
                                2,
                                TipDecided.Outcome.APPROVED,
                                "h",
                                "b",
                                null,
                                null,
                                null,
                                "moderator",
                                now))
                .get(10, TimeUnit.SECONDS);

        // When the tip's decision follows
        kafka.send(Topics.TIPS_DECIDED, tip.tipId(), ReceiptStatusTests.approved(tip.tipId()))
                .get(10, TimeUnit.SECONDS);

        // Then each poison message is on the dead-letter topic, as it was sent
        assertThat(probe.awaitRecord(DECISIONS_DLT, notJson).value()).isEqualTo("{\"outcome\": APPROVED");
        assertThat(probe.awaitRecord(DECISIONS_DLT, untyped).value()).contains(untyped);
        ConsumerRecord<String, String> parked = probe.awaitRecord(DECISIONS_DLT, futureVersion);
        assertThat(parked.value()).contains("\"schemaVersion\":99");
        assertThat(new String(
                        parked.headers()
                                .lastHeader("kafka_dlt-exception-message")
                                .value(),
                        StandardCharsets.UTF_8))
                .contains("schema version 99");

        // And the decision after them was applied
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(TipsApi.receipt(web, tip.receipt()))
                        .extracting(receipt -> receipt.get("status"))
                        .isEqualTo("IN_REVIEW"));
    }

    @Test
    void anEventOfTheWrongTypeOnTheDecisionsTopicIsParked() throws Exception {
        // Given a story-published event sent to the decisions topic by mistake
        String tipId = UUID.randomUUID().toString();
        kafka.send(Topics.TIPS_DECIDED, tipId, ReceiptStatusTests.published(tipId, "misrouted"))
                .get(10, TimeUnit.SECONDS);

        // Then it is parked on the dead-letter topic, type and all
        ConsumerRecord<String, String> parked = probe.awaitRecord(DECISIONS_DLT, tipId);
        assertThat(parked.value()).contains("misrouted");
        assertThat(new String(parked.headers().lastHeader("__TypeId__").value(), StandardCharsets.UTF_8))
                .isEqualTo(StoryPublished.TYPE);
    }
}
