package org.newsdesk.moderation.tip;

import java.time.Instant;
import org.newsdesk.events.TipDecided;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A pending tip's place in the queue, and the fields the queue's filters look at.
 *
 * @param held whether a moderator put it on hold: then it is on the "On hold" list, not the waiting one
 */
public record QueueEntry(QueuePosition position, String area, String category, boolean held) {

    public static QueueEntry of(ModeratedTip tip) {
        return new QueueEntry(
                QueuePosition.after(tip),
                tip.submission().area(),
                tip.submission().category(),
                tip.hold() != null);
    }

    static QueueEntry of(Placed placed) {
        return new QueueEntry(
                new QueuePosition(placed.submission().submittedAt(), placed.tipId()),
                placed.submission().area(),
                placed.submission().category(),
                placed.decision() != null && placed.decision().outcome() == TipDecided.Outcome.HELD);
    }

    public String tipId() {
        return position.tipId();
    }

    public boolean matches(QueueFilter filter) {
        return filter.matches(held, area, category);
    }

    /** What a tip's document says of its place in the queue, read without the rest of it. */
    @Document(ModeratedTip.COLLECTION)
    record Placed(@Id String tipId, Place submission, Decided decision) {

        record Place(Instant submittedAt, String area, String category) {}

        /** Only a pending tip's place is read, so a decision there is a hold. */
        record Decided(TipDecided.Outcome outcome) {}
    }
}
