package org.newsdesk.moderation.tip;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A pending tip's place in the queue, and the fields the queue's filters look at. */
public record QueueEntry(QueuePosition position, String area, String category) {

    public static QueueEntry of(ModeratedTip tip) {
        return new QueueEntry(
                QueuePosition.after(tip),
                tip.submission().area(),
                tip.submission().category());
    }

    static QueueEntry of(Placed placed) {
        return new QueueEntry(
                new QueuePosition(placed.submission().submittedAt(), placed.tipId()),
                placed.submission().area(),
                placed.submission().category());
    }

    public String tipId() {
        return position.tipId();
    }

    public boolean matches(QueueFilter filter) {
        return (filter.area() == null || filter.area().equals(area))
                && (filter.category() == null || filter.category().equals(category));
    }

    /** What a tip's document says of its place in the queue, read without the rest of it. */
    @Document(ModeratedTip.COLLECTION)
    record Placed(@Id String tipId, Place submission) {

        record Place(Instant submittedAt, String area, String category) {}
    }
}
