package org.newsdesk.moderation.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.newsdesk.moderation.tip.Claim;
import org.newsdesk.moderation.tip.HistoryEntry;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.Submission;
import org.newsdesk.moderation.tip.TipState;

/**
 * Everything about one tip a moderator may need: what the resident sent (contact and consent
 * included), who holds a claim, the latest decision and the whole history with who did what.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TipView(
        String tipId,
        TipState state,
        long revision,
        Submission submission,
        Instant receivedAt,
        ClaimView claim,
        DecisionView decision,
        List<HistoryView> history) {

    static TipView of(ModeratedTip tip, Instant now, Function<String, String> displayNames) {
        Claim claim = tip.claimAt(now);
        return new TipView(
                tip.tipId(),
                tip.state(),
                tip.revision(),
                tip.submission(),
                tip.receivedAt(),
                claim == null
                        ? null
                        : new ClaimView(claim.holder(), displayNames.apply(claim.holder()), claim.expiresAt()),
                tip.decision() == null ? null : DecisionView.of(tip),
                tip.history().stream()
                        .map(entry -> new HistoryView(
                                entry.kind(),
                                entry.by(),
                                HistoryEntry.RESIDENT.equals(entry.by())
                                        ? "The resident"
                                        : displayNames.apply(entry.by()),
                                entry.at(),
                                entry.changes(),
                                entry.why()))
                        .toList());
    }

    record ClaimView(String holder, String holderName, Instant expiresAt) {}

    record HistoryView(
            HistoryEntry.Kind kind,
            String by,
            String byName,
            Instant at,
            List<HistoryEntry.Change> changes,
            String why) {}
}
