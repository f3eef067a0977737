package org.newsdesk.submission.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long residents' contact details (and their photos as received that no story uses) are kept,
 * under {@code newsdesk.retention}; the privacy page states them as configured.
 *
 * @param declined   after the decision, for a tip declined (or closed as a duplicate); and after
 *                   the withdrawal, for a tip its resident withdrew before anybody decided it
 * @param published  after publication, for a tip published as a story
 * @param undecided  after it was sent, for a tip nobody decided (approved tips waiting for their
 *                   story and tips on hold included)
 * @param sweepEvery how often the retention sweep looks for details whose time is up
 * @param sweepBatch at most this many tips erased per round of the sweep, so one round stays short
 *                   however many fall due at once; the next round goes on where it stopped
 */
@ConfigurationProperties("newsdesk.retention")
public record RetentionProperties(
        Duration declined, Duration published, Duration undecided, Duration sweepEvery, Integer sweepBatch) {

    public RetentionProperties {
        declined = declined == null ? Duration.ofDays(30) : declined;
        published = published == null ? Duration.ofDays(90) : published;
        undecided = undecided == null ? Duration.ofDays(180) : undecided;
        sweepEvery = sweepEvery == null ? Duration.ofHours(1) : sweepEvery;
        sweepBatch = sweepBatch == null ? 200 : sweepBatch;
    }
}
