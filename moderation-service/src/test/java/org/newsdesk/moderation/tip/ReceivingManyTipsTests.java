package org.newsdesk.moderation.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.queue.QueueChanges;
import org.newsdesk.moderation.tip.ModeratedTips.Arrival;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Tips that reach the moderators together are stored together, each as if it had come alone. */
@ModerationIntegrationTest
class ReceivingManyTipsTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    ModeratedTips tips;

    @Autowired
    QueueChanges changes;

    private final List<String> queued = new ArrayList<>();

    @AfterEach
    void leaveTheSharedQueueAsFound() {
        TestTips.withdrawAll(tips, changes, queued);
    }

    @Test
    void newTipsJoinTheQueueAndStoredOnesChangeOnlyForANewerRevision() {
        // Given two stored tips, one at revision 1 and one at revision 3
        Arrival edited = arrival(TestTips.newTipId(), 1, "As first sent");
        Arrival settled = arrival(TestTips.newTipId(), 3, "As sent the third time");
        tips.receive(List.of(edited, settled), Instant.now()).block(TIMEOUT);
        queued.addAll(List.of(edited.tipId(), settled.tipId()));

        // When they arrive together with 100 new tips (one of them twice, at revisions 1 and 2):
        // the first at revision 2, the second at revision 2 (late)
        List<Arrival> arriving = new ArrayList<>();
        Set<String> fresh = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Arrival tip = arrival(TestTips.newTipId(), 1, "New tip " + i);
            arriving.add(tip);
            fresh.add(tip.tipId());
        }
        String sentTwice = arriving.get(50).tipId();
        arriving.add(arrival(sentTwice, 2, "New tip 50, as edited"));
        arriving.add(arrival(edited.tipId(), 2, "As edited"));
        arriving.add(arrival(settled.tipId(), 2, "A late second revision"));
        Set<String> added = tips.receive(arriving, Instant.now()).block(TIMEOUT);
        queued.addAll(fresh);

        // Then exactly the new ones are new, each waiting with its sending in its history
        assertThat(added).isEqualTo(fresh);
        List<ModeratedTip> stored = tips.findAll(fresh).collectList().block(TIMEOUT);
        assertThat(stored).hasSize(100).allSatisfy(tip -> {
            assertThat(tip.state()).isEqualTo(TipState.PENDING);
            assertThat(tip.revision()).isEqualTo(1);
            assertThat(tip.history()).singleElement().satisfies(line -> {
                assertThat(line.kind()).isEqualTo(HistoryEntry.Kind.RECEIVED);
                assertThat(line.by()).isEqualTo(HistoryEntry.RESIDENT);
            });
        });
        // And of a tip sent twice the newer revision counts; a stored tip takes a newer one, never an older one
        assertThat(headlineAndRevision(sentTwice)).isEqualTo("New tip 50, as edited @2");
        assertThat(headlineAndRevision(edited.tipId())).isEqualTo("As edited @2");
        assertThat(headlineAndRevision(settled.tipId())).isEqualTo("As sent the third time @3");
    }

    @Test
    void twoIntakesStoringTheSameNewTipsAtOnceStoreEachOnce() {
        // Given 200 new tips
        List<Arrival> arriving = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            arriving.add(arrival(TestTips.newTipId(), 1, "Tip " + i));
        }
        arriving.forEach(arrival -> queued.add(arrival.tipId()));

        // When two intakes (another instance in a rebalance) store them at the same moment, three times over
        for (int round = 0; round < 3; round++) {
            List<Arrival> these = arriving.subList(round * 60, round * 60 + 60);
            Mono<Set<String>> one = tips.receive(these, Instant.now()).subscribeOn(Schedulers.boundedElastic());
            Mono<Set<String>> other = tips.receive(these, Instant.now()).subscribeOn(Schedulers.boundedElastic());
            List<Set<String>> answers = Mono.zip(one, other, List::of).block(TIMEOUT);

            // Then neither fails, no tip is new to both, and every tip is stored once, waiting
            Set<String> both = new HashSet<>(answers.get(0));
            both.retainAll(answers.get(1));
            assertThat(both).isEmpty();
            assertThat(tips.findAll(these.stream().map(Arrival::tipId).toList())
                            .collectList()
                            .block(TIMEOUT))
                    .hasSize(60)
                    .allSatisfy(tip -> assertThat(tip.history()).hasSize(1));
        }
    }

    private String headlineAndRevision(String tipId) {
        ModeratedTip tip = tips.find(tipId).block(TIMEOUT);
        return tip.submission().headline() + " @" + tip.submissionRevision();
    }

    private static Arrival arrival(String tipId, long revision, String headline) {
        TipSubmitted sent = TestTips.policePlan(tipId);
        Submission submission = Submission.from(sent);
        return new Arrival(
                tipId,
                new Submission(
                        submission.eventId(),
                        headline,
                        submission.body(),
                        submission.area(),
                        submission.category(),
                        submission.contact(),
                        submission.submittedAt()),
                revision,
                null);
    }
}
