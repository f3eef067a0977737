package org.newsdesk.moderation.tip;

import java.time.Instant;
import java.util.List;

/**
 * One line of a tip's history: what happened, who did it, when, what changed and why. Entries are
 * only ever appended, in the same write as the change they describe.
 *
 * @param by      the moderator's user name, or {@code resident} for what the resident sent
 * @param changes what the change did to the text, each with the words before and after
 * @param why     the reason or note given, if any
 */
public record HistoryEntry(Kind kind, String by, Instant at, List<Change> changes, String why) {

    public static final String RESIDENT = "resident";

    public HistoryEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public enum Kind {
        RECEIVED,
        CLAIMED,
        RELEASED,
        EDITED,
        HELD,
        DECIDED
    }

    /** One field, from what it said to what it says now. */
    public record Change(String field, String before, String after) {}
}
