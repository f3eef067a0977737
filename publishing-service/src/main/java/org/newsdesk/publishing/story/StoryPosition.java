package org.newsdesk.publishing.story;

import java.time.Instant;
import java.util.Objects;
import org.newsdesk.web.paging.PageCursor;

/**
 * A place in the newest-first order of stories. Pages continue after a position rather than
 * after a count of skipped stories, so a story published while a reader pages through neither
 * repeats nor hides anything on the pages still to come. The id breaks ties between stories
 * published in the same millisecond.
 *
 * <p>Its cursor is of kind {@value #KIND}: {@code v1:millis:id}, as cursors were before there was
 * a shared codec, so links to older stories handed out then still work.
 */
public record StoryPosition(Instant publishedAt, String id) implements StoryListPosition {

    static final String KIND = "v1";

    public StoryPosition {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(id, "id");
    }

    /**
     * The position a cursor stands for; {@code null} for none (the first page).
     *
     * @throws IllegalArgumentException for anything but a newest-first cursor this service handed out
     */
    public static StoryPosition valueOf(String cursor) {
        return PageCursor.read(
                cursor,
                KIND,
                2,
                fields -> new StoryPosition(Instant.ofEpochMilli(Long.parseLong(fields.get(0))), fields.get(1)));
    }

    @Override
    public String cursor() {
        return PageCursor.encode(KIND, publishedAt.toEpochMilli(), id);
    }

    /** The newest-first order as a comparator: negative when {@code this} comes first. */
    int compareNewestFirst(StoryPosition other) {
        int byTime = other.publishedAt.compareTo(publishedAt);
        return byTime != 0 ? byTime : other.id.compareTo(id);
    }
}
