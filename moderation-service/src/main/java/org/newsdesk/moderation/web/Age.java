package org.newsdesk.moderation.web;

import java.time.Duration;
import java.time.Instant;

/** How long something has waited, the way a person says it at a glance: "4 min", "3 h", "2 d". */
public final class Age {

    private Age() {}

    public static String since(Instant then, Instant now) {
        Duration waited = Duration.between(then, now);
        if (waited.isNegative() || waited.toMinutes() < 1) {
            return "just now";
        }
        if (waited.toHours() < 1) {
            return waited.toMinutes() + " min";
        }
        if (waited.toDays() < 2) {
            return waited.toHours() + " h";
        }
        return waited.toDays() + " d";
    }
}
