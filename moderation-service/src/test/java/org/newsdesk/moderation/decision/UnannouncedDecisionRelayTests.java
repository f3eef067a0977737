package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.Submission;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.newsdesk.moderation.tip.TipState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import tools.jackson.databind.json.JsonMapper;

@ModerationIntegrationTest
class UnannouncedDecisionRelayTests {

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    ModeratedTips tips;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void decisionStoredWhileKafkaWasDownIsAnnouncedByTheRelay() throws Exception {
        // Given a decision stored a minute ago whose announcement Kafka never acknowledged
        TipSubmitted submitted = TestTips.policePlan(TestTips.newTipId());
        Submission submission = Submission.from(submitted);
        String eventId = UUID.randomUUID().toString();
        Instant decidedAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Decision decision = new Decision(eventId, TipDecided.Outcome.APPROVED, "Police recruit 283 officers early",
                submission.body(), new Decision.OriginalText(submission.headline(), submission.body()), null,
                ModerationIntegrationTest.MODERATOR, decidedAt);
        mongo.insert(new ModeratedTip(submitted.tipId(), submission, TipState.DECIDED, decision, false,
                decidedAt.minus(5, ChronoUnit.MINUTES))).block(Duration.ofSeconds(10));

        // When the relay runs
        KafkaTopicProbe probe = new KafkaTopicProbe(bootstrapServers, ModerationTestClient.PATIENCE);
        ConsumerRecord<String, String> announced = probe.awaitRecord(Topics.TIPS_DECIDED, submitted.tipId());

        // Then the stored decision is announced as it was recorded, under its original event id
        TipDecided event = JsonMapper.builder().build().readValue(announced.value(), TipDecided.class);
        assertThat(event.eventId()).hasToString(eventId);
        assertThat(event.headline()).isEqualTo("Police recruit 283 officers early");
        assertThat(event.decidedAt()).isEqualTo(decidedAt);
        // And it leaves the outbox
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tips.find(submitted.tipId()).block(Duration.ofSeconds(5)).decisionAnnounced());
    }
}
