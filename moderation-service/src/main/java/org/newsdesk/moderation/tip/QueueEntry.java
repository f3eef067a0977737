package org.newsdesk.moderation.tip;

import java.util.Date;

import org.bson.Document;

/** A pending tip's place in the queue, and the fields the queue's filters look at. */
public record QueueEntry(QueuePosition position, String area, String category) {

    public static QueueEntry of(ModeratedTip tip) {
        return new QueueEntry(QueuePosition.after(tip), tip.submission().area(), tip.submission().category());
    }

    static QueueEntry of(Document document) {
        Document submission = document.get("submission", Document.class);
        Date submittedAt = submission.getDate("submittedAt");
        return new QueueEntry(new QueuePosition(submittedAt.toInstant(), document.getString("_id")),
                submission.getString("area"), submission.getString("category"));
    }

    public String tipId() {
        return position.tipId();
    }

    public boolean matches(QueueFilter filter) {
        return (filter.area() == null || filter.area().equals(area))
                && (filter.category() == null || filter.category().equals(category));
    }
}
