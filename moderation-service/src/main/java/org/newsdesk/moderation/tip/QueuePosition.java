package org.newsdesk.moderation.tip;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.newsdesk.web.paging.PageCursor;
import org.newsdesk.web.paging.PagePosition;

/**
 * Where a page of the queue ends: the last tip's submission time and id, the queue's own order.
 * Handed to clients as an opaque {@link PageCursor} of kind {@value #KIND}, so its content may
 * change without breaking anyone; a tip decided meanwhile does not shift the next page.
 *
 * <p>Both parts are required: a query that spells them out ({@code cursor.tipId=...}) instead of
 * passing a cursor is bound part by part, and is refused for the part it lacks.
 */
public record QueuePosition(
        @NotNull(message = "is required") Instant submittedAt,
        @NotNull(message = "is required") String tipId) implements PagePosition, Comparable<QueuePosition> {

    /** Cursors handed out since the queue was first paged are of this kind; they keep working. */
    private static final String KIND = "q1";

    public static QueuePosition after(ModeratedTip tip) {
        return new QueuePosition(tip.submission().submittedAt(), tip.tipId());
    }

    /**
     * The position a cursor stands for, or {@code null} for no cursor: the start of the queue.
     *
     * @throws IllegalArgumentException for a token this service did not hand out
     */
    public static QueuePosition valueOf(String cursor) {
        return PageCursor.read(
                cursor,
                KIND,
                2,
                fields -> new QueuePosition(Instant.ofEpochMilli(Long.parseLong(fields.get(0))), fields.get(1)));
    }

    @Override
    public String cursor() {
        return PageCursor.encode(KIND, submittedAt.toEpochMilli(), tipId);
    }

    /** The queue's order, as MongoDB sorts it: submission time, then id (ASCII ids compare alike in both). */
    @Override
    public int compareTo(QueuePosition other) {
        int byTime = submittedAt.compareTo(other.submittedAt);
        return byTime != 0 ? byTime : tipId.compareTo(other.tipId);
    }
}
