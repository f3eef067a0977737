package org.newsdesk.moderation.web;

import org.newsdesk.events.TipDecided;

/** A decision's outcome in the moderators' words, the same on every page: never the API's names. */
public final class Outcomes {

    private Outcomes() {}

    public static String of(TipDecided.Outcome outcome) {
        return switch (outcome) {
            case APPROVED -> "Published";
            case REJECTED -> "Declined";
            case DUPLICATE -> "Duplicate";
            case HELD -> "On hold";
        };
    }
}
