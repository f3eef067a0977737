package org.newsdesk.moderation.tip;

import java.time.Instant;
import java.util.Objects;

/**
 * An editor's withdrawal of a published story, with the reason readers and the resident read. Final:
 * a retracted story is neither corrected nor retracted again.
 *
 * @param eventId  id of the {@code StoryRetracted} event that announces it, fixed when it is made
 * @param revision the tip's revision this retraction made
 */
public record Retraction(String eventId, long revision, String reason, String retractedBy, Instant retractedAt) {

    public Retraction {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retractedBy, "retractedBy");
        Objects.requireNonNull(retractedAt, "retractedAt");
    }
}
