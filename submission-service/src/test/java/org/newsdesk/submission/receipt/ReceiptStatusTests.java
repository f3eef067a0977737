package org.newsdesk.submission.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.TipsApi.AcceptedTip;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A receipt follows its tip through moderation and publishing, and only ever forwards. */
@SubmissionIntegrationTest
class ReceiptStatusTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    /** The service's consumer group, as configured in its yml. */
    @Value("${spring.kafka.consumer.group-id}")
    String serviceGroup;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void anApprovedTipIsInReviewAndThenPublishedWithItsStoryUrl() {
        // Given a tip that was sent
        AcceptedTip tip = TipsApi.submit(web);

        // When a moderator approves it
        send(Topics.TIPS_DECIDED, approved(tip.tipId()));

        // Then its receipt says it is in review
        awaitStatus(tip.receipt(), "IN_REVIEW");

        // When its story is published
        send(Topics.STORIES_PUBLISHED, published(tip.tipId(), "victim-support-progress"));

        // Then its receipt says published and links to the story
        Map<String, Object> receipt = awaitStatus(tip.receipt(), "PUBLISHED");
        assertThat(receipt)
                .containsEntry("storyUrl", "http://localhost:8083/stories/victim-support-progress")
                .doesNotContainKey("reason");
    }

    @Test
    void aDeclinedTipSaysWhy() {
        // Given a tip that was sent
        AcceptedTip tip = TipsApi.submit(web);

        // When a moderator declines it
        send(Topics.TIPS_DECIDED, rejected(tip.tipId(), "We covered this story last week."));

        // Then its receipt says declined, and why
        Map<String, Object> receipt = awaitStatus(tip.receipt(), "DECLINED");
        assertThat(receipt)
                .containsEntry("reason", "We covered this story last week.")
                .doesNotContainKey("storyUrl");
    }

    @Test
    void redeliveredAndContradictingEventsChangeNothing() {
        // Given a published tip, with every event that got it there
        AcceptedTip tip = TipsApi.submit(web);
        TipDecided approval = approved(tip.tipId());
        StoryPublished story = published(tip.tipId(), "street-lights");
        send(Topics.TIPS_DECIDED, approval);
        awaitStatus(tip.receipt(), "IN_REVIEW");
        send(Topics.STORIES_PUBLISHED, story);
        Map<String, Object> published = awaitStatus(tip.receipt(), "PUBLISHED");

        // When everything arrives again (the submission byte for byte as the service sent it),
        // plus a decision that contradicts the published story
        ConsumerRecord<String, String> submission = probe.awaitRecord(Topics.TIPS_SUBMITTED, tip.tipId());
        probe.awaitConsumed(
                serviceGroup,
                probe.sendRaw(new ProducerRecord<>(
                        submission.topic(),
                        null,
                        submission.key(),
                        submission.value().getBytes(StandardCharsets.UTF_8),
                        submission.headers())));
        send(Topics.TIPS_DECIDED, approval);
        probe.awaitConsumed(serviceGroup, send(Topics.TIPS_DECIDED, rejected(tip.tipId(), "Changed our mind")));
        probe.awaitConsumed(serviceGroup, send(Topics.STORIES_PUBLISHED, story));

        // Then the receipt is exactly as it was
        assertThat(TipsApi.receipt(web, tip.receipt())).isEqualTo(published);
    }

    @Test
    void aNewerDecisionMovesTheReceiptEvenBackAndAnOlderOneArrivingLateDoesNot() {
        // Given a tip approved at the moderators' revision 2
        AcceptedTip tip = TipsApi.submit(web);
        TipDecided approval = approved(tip.tipId());
        send(Topics.TIPS_DECIDED, approval);
        awaitStatus(tip.receipt(), "IN_REVIEW");

        // When the moderators change their mind (revision 3), and the approval is delivered again after it
        TipDecided reversal = new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                now(),
                tip.tipId(),
                3,
                TipDecided.Outcome.REJECTED,
                null,
                null,
                "Erewash",
                "Roads",
                "The council has already fixed it.",
                "moderator",
                now());
        send(Topics.TIPS_DECIDED, reversal);
        Map<String, Object> declined = awaitStatus(tip.receipt(), "DECLINED");
        probe.awaitConsumed(serviceGroup, send(Topics.TIPS_DECIDED, approval));

        // Then the receipt follows the newer decision, and the late copy of the older one changes nothing
        assertThat(declined).containsEntry("reason", "The council has already fixed it.");
        assertThat(TipsApi.receipt(web, tip.receipt())).isEqualTo(declined);
    }

    @Test
    void eventsThatOvertakeTheSubmissionAreKeptAndTheSubmissionDoesNotUndoThem() {
        // Given a tip whose story and decision are read before its submission
        String tipId = UUID.randomUUID().toString();
        ReceiptCode code = ReceiptCode.generate();
        probe.awaitConsumed(serviceGroup, send(Topics.STORIES_PUBLISHED, published(tipId, "overtaken")));
        probe.awaitConsumed(serviceGroup, send(Topics.TIPS_DECIDED, approved(tipId)));
        assertThat(TipsApi.receipt(web, code.formatted())).isNull();

        // When the submission is read at last
        send(Topics.TIPS_SUBMITTED, submitted(tipId, code.digest()));

        // Then the receipt can be found, and it is still published
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(TipsApi.receipt(web, code.formatted()))
                        .containsEntry("status", "PUBLISHED")
                        .containsEntry("storyUrl", "http://localhost:8083/stories/overtaken")
                        .containsKey("submittedAt"));
    }

    @Test
    void aReceiptIsRebuiltFromTheLogAlone() {
        // Given a submission that is on Kafka but whose receipt was never written
        String tipId = UUID.randomUUID().toString();
        ReceiptCode code = ReceiptCode.generate();

        // When the service reads its own topic
        send(Topics.TIPS_SUBMITTED, submitted(tipId, code.digest()));

        // Then the resident's receipt works
        awaitStatus(code.formatted(), "RECEIVED");
    }

    private Map<String, Object> awaitStatus(String receipt, String status) {
        return await().atMost(PATIENCE)
                .until(
                        () -> TipsApi.receipt(web, receipt),
                        found -> found != null && status.equals(found.get("status")));
    }

    private RecordMetadata send(String topic, NewsdeskEvent event) {
        try {
            return kafka.send(topic, event.tipId(), event)
                    .get(10, TimeUnit.SECONDS)
                    .getRecordMetadata();
        } catch (Exception ex) {
            throw new IllegalStateException("Could not send " + event + " to " + topic, ex);
        }
    }

    static TipSubmitted submitted(String tipId, String receiptDigest) {
        return TipSubmitted.of(
                tipId,
                receiptDigest,
                "Street lights out on Derby Road",
                "Half the street lights between the station and the school have been out for a week.",
                "Erewash",
                "Roads",
                null,
                now());
    }

    static TipDecided approved(String tipId) {
        return decided(tipId, TipDecided.Outcome.APPROVED, null);
    }

    static TipDecided rejected(String tipId, String reason) {
        return decided(tipId, TipDecided.Outcome.REJECTED, reason);
    }

    private static TipDecided decided(String tipId, TipDecided.Outcome outcome, String reason) {
        Instant now = now();
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                now,
                tipId,
                2,
                outcome,
                "Street lights out on Derby Road",
                "Half the street lights have been out for a week.",
                "Erewash",
                "Roads",
                reason,
                "moderator",
                now);
    }

    static StoryPublished published(String tipId, String slug) {
        Instant now = now();
        return new StoryPublished(
                UUID.randomUUID(),
                StoryPublished.SCHEMA_VERSION,
                now,
                tipId,
                1,
                slug,
                "Street lights out on Derby Road",
                "http://localhost:8083/stories/" + slug,
                now);
    }

    /** Milliseconds, as MongoDB keeps them, so a receipt read back compares equal. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
