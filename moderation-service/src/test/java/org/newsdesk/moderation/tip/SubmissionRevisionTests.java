package org.newsdesk.moderation.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.TestTips;
import org.springframework.beans.factory.annotation.Autowired;

/** The queue applies a resident's tip only when it is newer than what it holds. */
@ModerationIntegrationTest
class SubmissionRevisionTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    ModeratedTips tips;

    @Test
    void anOlderRevisionArrivingAfterANewerOneChangesNothing() {
        // Given the second revision of a tip in the queue
        String tipId = TestTips.newTipId();
        TipSubmitted tip = TestTips.policePlan(tipId);
        Submission newer = Submission.from(tip);
        assertThat(tips.receive(tipId, newer, 2, Instant.now()).block(TIMEOUT)).isTrue();

        // When the first revision is delivered late, and the second once more
        Submission older = new Submission(
                tip.eventId().toString(),
                "An older headline",
                tip.body(),
                tip.area(),
                tip.category(),
                null,
                tip.submittedAt());
        Boolean olderApplied = tips.receive(tipId, older, 1, Instant.now()).block(TIMEOUT);
        Boolean repeatApplied = tips.receive(tipId, newer, 2, Instant.now()).block(TIMEOUT);

        // Then the queue still holds the second revision, once, and the tip's own revision is untouched
        assertThat(olderApplied).isFalse();
        assertThat(repeatApplied).isFalse();
        ModeratedTip stored = tips.find(tipId).block(TIMEOUT);
        assertThat(stored.submission().headline()).isEqualTo(tip.headline());
        assertThat(stored.submissionRevision()).isEqualTo(2);
        assertThat(stored.revision()).isEqualTo(1);
    }

    @Test
    void aDecidedTipIsNeverDecidedAgainFromAStaleRead() {
        // Given a tip read by two moderators, and decided by the first
        String tipId = TestTips.newTipId();
        Submission submission = Submission.from(TestTips.policePlan(tipId));
        tips.receive(tipId, submission, 1, Instant.now()).block(TIMEOUT);
        ModeratedTip seenByBoth = tips.find(tipId).block(TIMEOUT);
        assertThat(tips.decide(seenByBoth, decision(submission, "first")).block(TIMEOUT))
                .isNotNull();

        // When the second decides from what they read before
        ModeratedTip second =
                tips.decide(seenByBoth, decision(submission, "second")).block(TIMEOUT);

        // Then nothing changes
        assertThat(second).isNull();
        assertThat(tips.find(tipId).block(TIMEOUT).decision().decidedBy()).isEqualTo("first");
    }

    private static Decision decision(Submission submission, String moderator) {
        return new Decision(
                java.util.UUID.randomUUID().toString(),
                org.newsdesk.events.TipDecided.Outcome.APPROVED,
                submission.headline(),
                submission.body(),
                new Decision.OriginalText(submission.headline(), submission.body()),
                null,
                moderator,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
}
