package org.newsdesk.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A moderator decided what becomes of a tip. A tip's decisions follow one another by revision:
 * a tip put on hold is decided again later; the newest revision is the one that stands.
 *
 * @param headline    the headline to publish: the moderator's edit, or the resident's own words
 * @param body        the body to publish, likewise
 * @param reason      why, as the resident will read it; required when the tip was declined
 * @param reasonCode  the configured decline reason the moderator picked, when they picked one
 * @param photos      the resident's photos the moderator chose to publish, in story order
 * @param duplicateOf the tip this one repeats, for {@link Outcome#DUPLICATE}
 * @param note        the moderators' own note (why a tip is on hold): never shown to residents
 * @param submittedAt when the resident sent the tip, so a story can say how it came to us;
 *                    {@code null} in decisions made before it travelled
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
        Instant decidedAt,
        String reasonCode,
        List<StoryPhoto> photos,
        String duplicateOf,
        String note,
        Instant submittedAt)
        implements NewsdeskEvent {

    public static final String TYPE = "newsdesk.tip-decided";
    public static final int SCHEMA_VERSION = 1;

    public TipDecided {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tipId, "tipId");
        revision = NewsdeskEvent.firstRevisionIfMissing(revision);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedAt, "decidedAt");
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** A decision as moderators made them before it said when the tip was sent. */
    public TipDecided(
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
            Instant decidedAt,
            String reasonCode,
            List<StoryPhoto> photos,
            String duplicateOf,
            String note) {
        this(
                eventId,
                schemaVersion,
                occurredAt,
                tipId,
                revision,
                outcome,
                headline,
                body,
                area,
                category,
                reason,
                decidedBy,
                decidedAt,
                reasonCode,
                photos,
                duplicateOf,
                note,
                null);
    }

    /** A decision as moderators made them before they could choose photos, hold or merge tips. */
    public TipDecided(
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
            Instant decidedAt) {
        this(
                eventId,
                schemaVersion,
                occurredAt,
                tipId,
                revision,
                outcome,
                headline,
                body,
                area,
                category,
                reason,
                decidedBy,
                decidedAt,
                null,
                List.of(),
                null,
                null,
                null);
    }

    /**
     * What became of a tip. {@code HELD} puts it back in the queue waiting for more information
     * (the resident still reads "being looked at"); {@code DUPLICATE} closes it in favour of
     * another tip (the resident reads the reason, as for a decline).
     */
    public enum Outcome {
        APPROVED,
        REJECTED,
        HELD,
        DUPLICATE;

        /** Whether the tip becomes a story. */
        public boolean publishes() {
            return this == APPROVED;
        }

        /** Whether the tip will not be published, for a reason the resident reads. */
        public boolean declines() {
            return this == REJECTED || this == DUPLICATE;
        }
    }
}
