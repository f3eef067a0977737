package org.newsdesk.moderation.web;

import org.newsdesk.events.TipDecided.Outcome;

/**
 * A decision's outcome as every moderators' page names it: the words on the buttons that make it,
 * never the API's constants. One mapping, so the tip page, the queue and the record say the same.
 */
public final class OutcomeWords {

    private OutcomeWords() {}

    public static String of(Outcome outcome) {
        return switch (outcome) {
            case APPROVED -> "Published";
            case REJECTED -> "Declined";
            case DUPLICATE -> "Duplicate";
            case HELD -> "On hold";
        };
    }
}
