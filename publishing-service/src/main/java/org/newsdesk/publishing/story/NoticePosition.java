package org.newsdesk.publishing.story;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.newsdesk.web.paging.PageCursor;
import org.newsdesk.web.paging.PagePosition;

/**
 * A place in the corrections column, newest first: the notice's time, then its id for notices
 * made in the same millisecond. Handed out as an opaque {@link PageCursor} of kind {@value #KIND}.
 */
public record NoticePosition(
        @NotNull(message = "is required") Instant at,
        @NotNull(message = "is required") String id) implements PagePosition {

    private static final String KIND = "n1";

    /**
     * The position a cursor stands for; {@code null} for none (the newest notices).
     *
     * @throws IllegalArgumentException for a token this service did not hand out
     */
    public static NoticePosition valueOf(String cursor) {
        return PageCursor.read(
                cursor,
                KIND,
                2,
                fields -> new NoticePosition(Instant.ofEpochMilli(Long.parseLong(fields.get(0))), fields.get(1)));
    }

    @Override
    public String cursor() {
        return PageCursor.encode(KIND, at.toEpochMilli(), id);
    }
}
