package org.newsdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An approved tip is now a story readers can find. The story's id is the tip's id.
 *
 * @param url where readers find the story, absolute
 */
public record StoryPublished(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String tipId,
        long revision,
        String slug,
        String headline,
        String url,
        Instant publishedAt)
        implements NewsdeskEvent {

    public static final String TYPE = "newsdesk.story-published";
    public static final int SCHEMA_VERSION = 1;

    public StoryPublished {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tipId, "tipId");
        revision = NewsdeskEvent.firstRevisionIfMissing(revision);
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}
