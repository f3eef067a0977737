package org.newsdesk.publishing.story;

import java.time.Instant;
import java.util.Objects;

/**
 * A place in the newest-first order of stories. Pages continue after a position rather than
 * after a count of skipped stories, so a story published while a reader pages through neither
 * repeats nor hides anything on the pages still to come. The id breaks ties between stories
 * published in the same millisecond.
 */
public record StoryPosition(Instant publishedAt, String id) {

    public StoryPosition {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(id, "id");
    }
}
