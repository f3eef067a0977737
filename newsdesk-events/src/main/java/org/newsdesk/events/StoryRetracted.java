package org.newsdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An editor withdrew a published story, with a public reason. Travels on {@link
 * Topics#TIPS_DECIDED} like {@link StoryCorrected}. A retraction is final: a consumer that has
 * seen it never shows the story again, whatever arrives afterwards (a redelivered decision or
 * correction, a replay, a rebuild), and one that sees it before the story keeps it until the story
 * arrives.
 *
 * @param reason      why, as readers and the resident read it
 * @param retractedBy the editor's account name: for the newsroom's record, never shown to readers
 * @param retractedAt when the editor withdrew it; the date readers are told
 */
public record StoryRetracted(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String tipId,
        long revision,
        String reason,
        String retractedBy,
        Instant retractedAt)
        implements NewsdeskEvent {

    public static final String TYPE = "newsdesk.story-retracted";
    public static final int SCHEMA_VERSION = 1;

    public StoryRetracted {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tipId, "tipId");
        revision = NewsdeskEvent.firstRevisionIfMissing(revision);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retractedAt, "retractedAt");
    }
}
