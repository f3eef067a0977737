package org.newsdesk.moderation.decision;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.newsdesk.moderation.tip.ModeratedTip;

/**
 * Where a published story stands, in the words the tip page uses: published, corrected so many
 * times, or withdrawn, when, by whom and why. {@code null} fields for a tip that was never published.
 */
record StoryState(
        String state,
        boolean published,
        boolean live,
        String headline,
        String body,
        String publishedByName,
        Instant publishedAt,
        List<CorrectionLine> corrections,
        WithdrawalLine withdrawal) {

    record CorrectionLine(int number, String byName, Instant at, String note, List<String> fields) {}

    record WithdrawalLine(String byName, Instant at, String reason) {}

    static StoryState of(ModeratedTip tip, Function<String, String> displayNames) {
        if (!tip.published()) {
            return new StoryState(null, false, false, null, null, null, null, List.of(), null);
        }
        int[] number = {0};
        return new StoryState(
                tip.retraction() != null
                        ? "Withdrawn"
                        : tip.corrections().isEmpty() ? "Published" : "Published, corrected",
                true,
                tip.live(),
                tip.headlineNow(),
                tip.bodyNow(),
                displayNames.apply(tip.decision().decidedBy()),
                tip.decision().decidedAt(),
                tip.corrections().stream()
                        .map(correction -> new CorrectionLine(
                                ++number[0],
                                displayNames.apply(correction.correctedBy()),
                                correction.correctedAt(),
                                correction.note(),
                                correction.changes().stream()
                                        .map(change -> change.field().equals("body") ? "story" : change.field())
                                        .toList()))
                        .toList(),
                tip.retraction() == null
                        ? null
                        : new WithdrawalLine(
                                displayNames.apply(tip.retraction().retractedBy()),
                                tip.retraction().retractedAt(),
                                tip.retraction().reason()));
    }
}
