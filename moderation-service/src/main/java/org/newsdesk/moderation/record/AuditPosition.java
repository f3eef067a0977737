package org.newsdesk.moderation.record;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.newsdesk.web.paging.PageCursor;
import org.newsdesk.web.paging.PagePosition;

/**
 * Where a page of the record ends: the last line's time and id, the record's own order (newest
 * first, then the greater id first, a total order), handed to clients as an opaque cursor of kind
 * {@value #KIND}. The record only grows, so a line added meanwhile never shifts the next page.
 */
public record AuditPosition(
        @NotNull(message = "is required") Instant at,
        @NotNull(message = "is required") String id) implements PagePosition, Comparable<AuditPosition> {

    private static final String KIND = "a1";

    public static AuditPosition of(EditorialAct act) {
        return new AuditPosition(act.at(), act.id());
    }

    /**
     * The position a cursor stands for, or {@code null} for no cursor: the newest line.
     *
     * @throws IllegalArgumentException for a token this service did not hand out
     */
    public static AuditPosition valueOf(String cursor) {
        return PageCursor.read(
                cursor,
                KIND,
                2,
                fields -> new AuditPosition(Instant.ofEpochMilli(Long.parseLong(fields.get(0))), fields.get(1)));
    }

    @Override
    public String cursor() {
        return PageCursor.encode(KIND, at.toEpochMilli(), id);
    }

    /** Newest first, then the greater id first, as MongoDB sorts {@code {at: -1, _id: -1}}. */
    @Override
    public int compareTo(AuditPosition other) {
        int byTime = other.at.compareTo(at);
        return byTime != 0 ? byTime : other.id.compareTo(id);
    }
}
