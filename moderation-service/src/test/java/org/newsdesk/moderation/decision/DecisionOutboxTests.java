package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.messaging.outbox.OutboxRelay;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.Submission;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * A decision and its announcement are one write, so a decision stored just before a crash (the
 * relay never ran) is still announced: the relay's sweep finds it.
 */
@ModerationIntegrationTest
class DecisionOutboxTests {

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    ModeratedTips tips;

    @Autowired
    Outbox tipOutbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void aDecisionStoredRightBeforeACrashIsAnnouncedByTheSweep() {
        // Given a pending tip, decided by a write whose service died before relaying it
        TipSubmitted submitted = TestTips.policePlan(TestTips.newTipId());
        Submission submission = Submission.from(submitted);
        tips.receive(submitted.tipId(), submission, submitted.revision(), Instant.now())
                .block(Duration.ofSeconds(10));
        ModeratedTip pending = tips.find(submitted.tipId()).block(Duration.ofSeconds(10));
        String eventId = UUID.randomUUID().toString();
        Instant decidedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Decision decision = new Decision(
                eventId,
                TipDecided.Outcome.APPROVED,
                "Police recruit 283 officers early",
                submission.body(),
                new Decision.OriginalText(submission.headline(), submission.body()),
                null,
                ModerationIntegrationTest.MODERATOR,
                decidedAt);
        // (held under another instance's lease that expired with it)
        tips.decide(pending, decision).block(Duration.ofSeconds(10));
        mongo.updateFirst(
                        query(where("_id").is(submitted.tipId())),
                        new Update()
                                .set(
                                        "outboxLease",
                                        new org.bson.Document("owner", "crashed")
                                                .append("until", java.util.Date.from(decidedAt))),
                        ModeratedTip.COLLECTION)
                .block(Duration.ofSeconds(10));

        // When the relay sweeps, as it does at every start
        relay.sweep().block(ModerationTestClient.PATIENCE);

        // Then the decision is announced as it was recorded, under its original event id and the tip's revision
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE);
        ConsumerRecord<String, String> announced = probe.awaitRecord(Topics.TIPS_DECIDED, submitted.tipId());
        TipDecided event = JsonMapper.builder().build().readValue(announced.value(), TipDecided.class);
        assertThat(event.eventId()).hasToString(eventId);
        assertThat(event.revision()).isEqualTo(2);
        assertThat(event.headline()).isEqualTo("Police recruit 283 officers early");
        assertThat(event.decidedAt()).isEqualTo(decidedAt);
        // And it left the outbox
        assertThat(tipOutbox.isEmpty(submitted.tipId()).block(Duration.ofSeconds(5)))
                .isTrue();
    }
}
