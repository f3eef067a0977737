package org.newsdesk.moderation.tip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.newsdesk.events.TipDecided;

/**
 * A moderator's decision on a tip: immutable once stored, and there is at most one per tip.
 *
 * @param eventId  id of the {@code TipDecided} event that announces this decision; fixed when the
 *                 decision is made so that a re-sent announcement is recognisably the same event
 * @param headline the headline to publish: the moderator's edit, or the resident's own words
 * @param body     the body to publish, likewise
 * @param original the resident's own words, kept beside any edit so the record shows what changed
 * @param reason   why, as the resident will read it; required when the tip was rejected
 */
public record Decision(
        String eventId,
        TipDecided.Outcome outcome,
        String headline,
        String body,
        OriginalText original,
        String reason,
        String decidedBy,
        Instant decidedAt) {

    public Decision {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /** The names of the fields whose published text differs from what the resident wrote. */
    public List<String> edits() {
        List<String> edits = new ArrayList<>(2);
        if (!Objects.equals(headline, original.headline())) {
            edits.add("headline");
        }
        if (!Objects.equals(body, original.body())) {
            edits.add("body");
        }
        return List.copyOf(edits);
    }

    public record OriginalText(String headline, String body) {
    }
}
