package org.newsdesk.moderation.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.moderation.tip.HistoryEntry;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.web.OutcomeWords;
import org.newsdesk.web.time.OutletTime;

/**
 * One line of a tip's history as the tip page shows it: a decision named as its button names it
 * (Published, Declined, Duplicate, On hold), the time in the outlet's zone, and for a duplicate
 * the other tip by its headline, linked to its page, where the store keeps only its id.
 *
 * @param original the tip this line's duplicate repeats, linked; {@code null} on every other line
 */
record HistoryLine(
        String kind,
        String label,
        String byName,
        OutletTime.Shown at,
        String why,
        List<HistoryEntry.Change> changes,
        Linked original) {

    /** @param url the other tip's page */
    record Linked(String headline, String url) {}

    static List<HistoryLine> of(
            ModeratedTip tip, ModeratedTip original, Function<String, String> displayNames, OutletTime time) {
        List<HistoryLine> lines = new ArrayList<>();
        for (HistoryEntry entry : tip.history()) {
            Outcome outcome = entry.outcome();
            lines.add(new HistoryLine(
                    entry.kind().name(),
                    outcome != null ? OutcomeWords.of(outcome) : label(entry.kind()),
                    HistoryEntry.byName(entry.by(), displayNames),
                    time.compact(entry.at()),
                    entry.whyBesideOutcome(),
                    entry.changes(),
                    outcome == Outcome.DUPLICATE ? linked(tip, original) : null));
        }
        return lines;
    }

    /** The tip it repeats by its headline; by its reference while that tip is unknown here (a rebuild under way). */
    private static Linked linked(ModeratedTip tip, ModeratedTip original) {
        String id = tip.decision() == null ? null : tip.decision().duplicateOf();
        if (id == null) {
            return null;
        }
        return new Linked(original == null ? "tip " + id : original.submission().headline(), "/tips/" + id);
    }

    private static String label(HistoryEntry.Kind kind) {
        return switch (kind) {
            case RECEIVED -> "Received";
            case CLAIMED -> "Claimed";
            case RELEASED -> "Released";
            case EDITED -> "Edited";
            case HELD -> OutcomeWords.of(Outcome.HELD);
            case DECIDED -> "Decided";
            case CORRECTED -> "Story corrected";
            case RETRACTED -> "Story withdrawn";
            case WITHDRAWN -> "Tip withdrawn";
            case WITHDRAWAL_TOO_LATE -> "Withdrawal asked for too late";
            case CONTACT_SHOWN -> "Contact details seen";
            case CONTACT_ERASED -> "Contact details erased";
        };
    }
}
