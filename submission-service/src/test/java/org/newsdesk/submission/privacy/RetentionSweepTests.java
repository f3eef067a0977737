package org.newsdesk.submission.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TestClock;
import org.newsdesk.submission.TipEvents;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.TipsApi.AcceptedTip;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Contact details are erased by the retention sweep when their period runs out, and not a day
 * before: 30 days after a decline, 90 after publication, 180 after sending for a tip never
 * decided. The service's clock is moved forward to get there.
 */
@SubmissionIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RetentionSweepTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    ContactVault vault;

    @Autowired
    TestClock clock;

    @Autowired
    RetentionSweep sweep;

    @Autowired
    MeterRegistry meters;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void aDeclinedTipsDetailsAreErasedThirtyDaysAfterTheDecisionAndNotBefore(CapturedOutput output) {
        // Given a declined tip
        AcceptedTip tip = TipsApi.submit(web);
        send(Topics.TIPS_DECIDED, decided(tip.tipId(), TipDecided.Outcome.REJECTED));
        awaitStatus(tip, "DECLINED");
        double erasedBefore = erasedCount("declined");

        // When 29 days have passed, Then the sweep leaves its details
        sweepAfter(Duration.ofDays(29));
        assertThat(vault.erased(tip.tipId()).block(PATIENCE)).isFalse();

        // When 31 days have passed, Then the sweep erases them, says so and counts it
        sweepAfter(Duration.ofDays(2));
        assertErasedByRetention(tip);
        assertThat(erasedCount("declined")).isGreaterThanOrEqualTo(erasedBefore + 1);
        assertThat(output).containsPattern("Retention erased the contact details of [1-9][0-9]* tips in [0-9]+ ms");
    }

    @Test
    void aPublishedTipsDetailsAreErasedNinetyDaysAfterPublication() {
        // Given a published tip
        AcceptedTip tip = TipsApi.submit(web);
        send(Topics.TIPS_DECIDED, decided(tip.tipId(), TipDecided.Outcome.APPROVED));
        Instant now = Instant.now();
        send(
                Topics.STORIES_PUBLISHED,
                new StoryPublished(
                        UUID.randomUUID(),
                        StoryPublished.SCHEMA_VERSION,
                        now,
                        tip.tipId(),
                        1,
                        "lights-out-" + tip.tipId(),
                        "Lights out",
                        "http://localhost:8083/stories/lights-out-" + tip.tipId(),
                        now));
        awaitStatus(tip, "PUBLISHED");

        // When 89 days have passed, Then its details stay
        sweepAfter(Duration.ofDays(89));
        assertThat(vault.erased(tip.tipId()).block(PATIENCE)).isFalse();

        // When 91 days have passed, Then they are erased
        sweepAfter(Duration.ofDays(2));
        assertErasedByRetention(tip);
    }

    @Test
    void anUndecidedTipsDetailsAreErasedHalfAYearAfterItWasSent() {
        // Given a tip nobody decided, once its receipt is built from the topic
        AcceptedTip tip = TipsApi.submit(web);
        await().atMost(PATIENCE).until(() -> receipt(tip.tipId()) != null);

        // When 179 days have passed, Then its details stay
        sweepAfter(Duration.ofDays(179));
        assertThat(vault.erased(tip.tipId()).block(PATIENCE)).isFalse();

        // When 181 days have passed, Then they are erased
        sweepAfter(Duration.ofDays(2));
        assertErasedByRetention(tip);
    }

    @Test
    void twoSweepsAtOnceEraseATipOnce() {
        // Given a declined tip whose period ran out
        AcceptedTip tip = TipsApi.submit(web);
        send(Topics.TIPS_DECIDED, decided(tip.tipId(), TipDecided.Outcome.REJECTED));
        awaitStatus(tip, "DECLINED");
        clock.moveForward(Duration.ofDays(31));

        // When two instances sweep at the same time
        List<Long> erased = Mono.zip(
                        sweep.sweep().subscribeOn(Schedulers.boundedElastic()),
                        sweep.sweep().subscribeOn(Schedulers.boundedElastic()))
                .map(both -> List.of(both.getT1(), both.getT2()))
                .block(PATIENCE);

        // Then the tip is erased, recorded and announced once
        assertThat(erased).isNotNull();
        assertErasedByRetention(tip);
    }

    private void sweepAfter(Duration more) {
        clock.moveForward(more);
        sweep.sweep().block(PATIENCE);
    }

    /** The data key is gone, the tip says retention erased it, and one ContactErased says so on the topic. */
    private void assertErasedByRetention(AcceptedTip tip) {
        assertThat(vault.erased(tip.tipId()).block(PATIENCE)).isTrue();
        Document stored = mongo.findById(tip.tipId(), Document.class, "tips").block(PATIENCE);
        assertThat(stored.get("erasedBy")).isEqualTo("RETENTION");
        assertThat(receipt(tip.tipId())).doesNotContainKey("contactErasableAt").containsEntry("erasureFinished", true);
        JsonNode event = TipEvents.awaitOne(probe, tip.tipId(), ContactErased.TYPE);
        assertThat(event.get("cause").asString()).isEqualTo("RETENTION");
    }

    private Document receipt(String tipId) {
        return mongo.findById(tipId, Document.class, "receipts").block(PATIENCE);
    }

    private double erasedCount(String state) {
        var counter = meters.find(RetentionSweep.ERASED).tag("state", state).counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitStatus(AcceptedTip tip, String status) {
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> found = TipsApi.receipt(web, tip.receipt());
            return found != null && status.equals(found.get("status"));
        });
    }

    private void send(String topic, NewsdeskEvent event) {
        TipEvents.send(kafka, topic, event);
    }

    private static TipDecided decided(String tipId, TipDecided.Outcome outcome) {
        return TipEvents.decided(tipId, outcome, List.of());
    }
}
