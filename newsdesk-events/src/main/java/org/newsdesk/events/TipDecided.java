package org.newsdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A moderator decided a tip. Exactly one such decision exists per tip.
 *
 * @param headline the headline to publish: the moderator's edit, or the resident's own words
 * @param body     the body to publish, likewise
 * @param reason   why, as the resident will read it; required when the tip was declined
 */
public record TipDecided(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String tipId,
        long revision,
        Outcome outcome,
        String headline,
        String body,
        String area,
        String category,
        String reason,
        String decidedBy,
        Instant decidedAt) implements NewsdeskEvent {

    public static final String TYPE = "newsdesk.tip-decided";
    public static final int SCHEMA_VERSION = 1;

    public TipDecided {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tipId, "tipId");
        revision = NewsdeskEvent.firstRevisionIfMissing(revision);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    public enum Outcome {
        APPROVED, REJECTED
    }
}
