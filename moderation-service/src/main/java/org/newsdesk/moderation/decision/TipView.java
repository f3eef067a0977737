package org.newsdesk.moderation.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.moderation.tip.Claim;
import org.newsdesk.moderation.tip.ContactErasure;
import org.newsdesk.moderation.tip.HistoryEntry;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.Submission;
import org.newsdesk.moderation.tip.TipState;
import org.newsdesk.moderation.tip.Withdrawal;

/**
 * Everything about one tip a moderator may need: what the resident sent, who holds a claim, the
 * latest decision and the whole history with who did what. The resident's contact details are not
 * in it, only whether they left any: they are opened for a moderator's eyes on the tip page alone,
 * where each showing goes on the tip's history, never for a client that could collect them in bulk.
 *
 * @param withdrawal when the resident withdrew the tip, or asked to after it was decided
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TipView(
        String tipId,
        TipState state,
        long revision,
        SubmissionView submission,
        Instant receivedAt,
        ClaimView claim,
        DecisionView decision,
        List<HistoryView> history,
        Withdrawal withdrawal) {

    static TipView of(ModeratedTip tip, Instant now, Function<String, String> displayNames) {
        Claim claim = tip.claimAt(now);
        return new TipView(
                tip.tipId(),
                tip.state(),
                tip.revision(),
                SubmissionView.of(tip),
                tip.receivedAt(),
                claim == null
                        ? null
                        : new ClaimView(claim.holder(), displayNames.apply(claim.holder()), claim.expiresAt()),
                tip.decision() == null ? null : DecisionView.of(tip),
                tip.history().stream()
                        .map(entry -> new HistoryView(
                                entry.kind(),
                                label(entry.kind()),
                                entry.by(),
                                HistoryEntry.byName(entry.by(), displayNames),
                                entry.at(),
                                entry.changes(),
                                entry.why()))
                        .toList(),
                tip.withdrawal());
    }

    /** The kind of a history line in the words the tip page uses. */
    private static String label(HistoryEntry.Kind kind) {
        return switch (kind) {
            case RETRACTED -> "Withdrawn";
            case WITHDRAWN -> "Tip withdrawn";
            case WITHDRAWAL_TOO_LATE -> "Withdrawal asked for too late";
            case CONTACT_SHOWN -> "Contact details seen";
            case CONTACT_ERASED -> "Contact details erased";
            default -> kind.name().charAt(0) + kind.name().substring(1).toLowerCase();
        };
    }

    /**
     * What the resident sent, without their contact details.
     *
     * @param contactGiven   whether the tip keeps a way to reach the resident
     * @param contactErasure when and by whom their contact details were erased, once they were
     */
    record SubmissionView(
            String eventId,
            String headline,
            String body,
            String area,
            String category,
            Instant submittedAt,
            LocalDate happenedOn,
            boolean contactConsent,
            List<PhotoReference> photos,
            boolean contactGiven,
            ContactErasure contactErasure) {

        static SubmissionView of(ModeratedTip tip) {
            Submission submission = tip.submission();
            return new SubmissionView(
                    submission.eventId(),
                    submission.headline(),
                    submission.body(),
                    submission.area(),
                    submission.category(),
                    submission.submittedAt(),
                    submission.happenedOn(),
                    submission.contactConsent(),
                    submission.photos(),
                    submission.hasContact(),
                    tip.erasure());
        }
    }

    record ClaimView(String holder, String holderName, Instant expiresAt) {}

    /** @param label the kind in words, as the tip page shows it */
    record HistoryView(
            HistoryEntry.Kind kind,
            String label,
            String by,
            String byName,
            Instant at,
            List<HistoryEntry.Change> changes,
            String why) {}
}
