package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The intake takes what waits on a partition as one batch: runs of tips are stored together, and
 * whatever else is in the batch keeps its place among them.
 */
@ModerationIntegrationTest
class BatchedIntakeTests {

    private static final int PARTITION = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    WebTestClient webTestClient;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ModeratedTips tips;

    @Autowired
    QueueChanges changes;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    EmbeddedKafkaBroker broker;

    private final List<String> queued = new ArrayList<>();

    @AfterEach
    void leaveTheSharedQueueAsFound() {
        TestTips.withdrawAll(tips, changes, queued);
    }

    @Test
    void tipsWaitingTogetherAreStoredTogetherAndWhatLiesBetweenThemKeepsItsPlace() throws Exception {
        // Given 120 tips waiting on one partition while the intake is stopped, with the resident of
        // the 40th withdrawing it right after sending it, and a misplaced event after the 80th
        long before = changes.newest().block(TIMEOUT);
        List<TipSubmitted> sent = new ArrayList<>();
        List<CompletableFuture<?>> sending = new ArrayList<>();
        String misplaced = "misplaced-" + UUID.randomUUID();
        MessageListenerContainer intake = listeners.getListenerContainer(SubmittedTipIntake.LISTENER_ID);
        intake.stop();
        try {
            for (int i = 0; i < 120; i++) {
                TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
                sent.add(tip);
                queued.add(tip.tipId());
                sending.add(kafka.send(Topics.TIPS_SUBMITTED, PARTITION, tip.tipId(), tip));
                if (i == 39) {
                    sending.add(kafka.send(
                            Topics.TIPS_SUBMITTED,
                            PARTITION,
                            tip.tipId(),
                            TipWithdrawn.of(tip.tipId(), 2, Instant.now().truncatedTo(ChronoUnit.MILLIS))));
                }
                if (i == 79) {
                    sending.add(kafka.send(Topics.TIPS_SUBMITTED, PARTITION, misplaced, TestTips.approval(misplaced)));
                }
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            // When the intake starts again
            intake.start();
        }

        // Then every tip is stored once; the withdrawn one is out of the queue, the rest wait in it
        ModerationTestClient moderation = new ModerationTestClient(webTestClient, kafka);
        List<String> tipIds = sent.stream().map(TipSubmitted::tipId).toList();
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tips.findAll(tipIds).count().block(TIMEOUT) == 120);
        String withdrawn = tipIds.get(39);
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tips.find(withdrawn).block(TIMEOUT).state() == TipState.WITHDRAWN);
        Map<String, ModeratedTip> stored =
                tips.findAll(tipIds).collectMap(ModeratedTip::tipId).block(TIMEOUT);
        tipIds.stream()
                .filter(tipId -> !tipId.equals(withdrawn))
                .forEach(tipId -> assertThat(stored.get(tipId).state()).isEqualTo(TipState.PENDING));
        await().atMost(ModerationTestClient.PATIENCE)
                .untilAsserted(() -> assertThat(moderation.queuedTipIds())
                        .contains(tipIds.get(0), tipIds.get(119))
                        .doesNotContain(withdrawn));
        // And the misplaced event is parked, not stored
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE);
        await().atMost(ModerationTestClient.PATIENCE)
                .untilAsserted(() -> assertThat(probe.records(Topics.deadLetterOf(Topics.TIPS_SUBMITTED)))
                        .extracting(record -> record.key())
                        .contains(misplaced));
        assertThat(tips.find(misplaced).blockOptional(TIMEOUT)).isEmpty();
        // And the first 40 tips were stored together: received at one moment, their queue changes
        // numbered at once in the order they were sent, ahead of the withdrawal that followed them
        assertThat(tipIds.subList(0, 40).stream()
                        .map(tipId -> stored.get(tipId).receivedAt())
                        .distinct())
                .hasSize(1);
        List<QueueChanges.Change> recorded =
                changes.after(before, 1_000).collectList().block(TIMEOUT);
        Map<String, Long> received = recorded.stream()
                .filter(change -> change.kind().equals("received"))
                .collect(Collectors.toMap(QueueChanges.Change::tipId, QueueChanges.Change::seq, Math::min));
        long first = received.get(tipIds.get(0));
        for (int i = 1; i < 40; i++) {
            assertThat(received.get(tipIds.get(i))).as("tip %d", i).isEqualTo(first + i);
        }
        assertThat(recorded)
                .filteredOn(change ->
                        change.tipId().equals(withdrawn) && change.kind().equals("withdrawn"))
                .singleElement()
                .satisfies(change -> assertThat(change.seq()).isGreaterThan(first + 39));
    }
}
