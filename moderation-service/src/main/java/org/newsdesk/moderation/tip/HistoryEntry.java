package org.newsdesk.moderation.tip;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.newsdesk.events.TipDecided;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * One line of a tip's history: what happened, who did it, when, what changed and why. Entries are
 * only ever appended, in the same write as the change they describe.
 *
 * @param by      the moderator's user name, {@code resident} for what the resident sent or asked,
 *                or {@code retention} for what the retention schedule did
 * @param changes what the change did to the text, each with the words before and after
 * @param why     the reason or note given, if any
 * @param eventId the id of the event that announced this change to the rest of Newsdesk, if one did
 *                (decisions, holds, corrections, withdrawals; none on entries older than the field)
 */
public record HistoryEntry(Kind kind, String by, Instant at, List<Change> changes, String why, String eventId) {

    public static final String RESIDENT = "resident";
    public static final String RETENTION = "retention";

    @PersistenceCreator
    public HistoryEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** Who did it, in words: the resident, the retention schedule, or the moderator's display name. */
    public static String byName(String by, Function<String, String> displayNames) {
        return switch (by) {
            case RESIDENT -> "The resident";
            case RETENTION -> "The retention schedule";
            default -> displayNames.apply(by);
        };
    }

    /** A change nothing announced: a claim, a release, an edit, what the resident sent. */
    public HistoryEntry(Kind kind, String by, Instant at, List<Change> changes, String why) {
        this(kind, by, at, changes, why, null);
    }

    /**
     * For a decision or a hold, the outcome it records, read back from the summary the line keeps
     * ({@code ModeratedTips.summary}: "Approved with 1 photo", "Declined: why", "On hold: note",
     * "Duplicate of id"); {@code null} on every other line.
     */
    public TipDecided.Outcome outcome() {
        if (kind == Kind.HELD) {
            return TipDecided.Outcome.HELD;
        }
        if (kind != Kind.DECIDED || why == null) {
            return null;
        }
        if (why.startsWith(DECLINED)) {
            return TipDecided.Outcome.REJECTED;
        }
        if (why.startsWith(DUPLICATE)) {
            return TipDecided.Outcome.DUPLICATE;
        }
        return why.startsWith(APPROVED) ? TipDecided.Outcome.APPROVED : null;
    }

    /**
     * What the line says beside its outcome, without repeating it: the reason declined, the note of
     * a hold, the photos published ("With 1 photo"); {@code null} when that is nothing.
     */
    public String whyBesideOutcome() {
        TipDecided.Outcome outcome = outcome();
        if (outcome == null) {
            return why;
        }
        String rest = switch (outcome) {
            case REJECTED -> why.substring(DECLINED.length());
            case HELD -> why != null && why.startsWith(HELD_PREFIX) ? why.substring(HELD_PREFIX.length()) : why;
            case APPROVED -> why.substring(APPROVED.length()).strip();
            case DUPLICATE -> "";
        };
        return rest == null || rest.isEmpty() ? null : Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
    }

    static final String APPROVED = "Approved";
    static final String DECLINED = "Declined: ";
    static final String HELD_PREFIX = "On hold: ";
    static final String DUPLICATE = "Duplicate of ";

    public enum Kind {
        RECEIVED,
        CLAIMED,
        RELEASED,
        EDITED,
        HELD,
        DECIDED,
        CORRECTED,
        RETRACTED,
        /** The resident withdrew the tip before anyone decided it. */
        WITHDRAWN,
        /** The resident asked to withdraw the tip after it was decided: the decision stands. */
        WITHDRAWAL_TOO_LATE,
        /** A moderator was shown the resident's contact details. */
        CONTACT_SHOWN,
        /** The resident's contact details were erased, by the resident or by retention. */
        CONTACT_ERASED
    }

    /** One field, from what it said to what it says now. */
    public record Change(String field, String before, String after) {}
}
