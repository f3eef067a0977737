package org.newsdesk.moderation.queue;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.Submission;

/**
 * One undecided tip as a moderator reads it.
 *
 * @param contact only present when the resident left a way to reach them
 */
record QueueItem(
        String tipId,
        String headline,
        String body,
        String area,
        String category,
        Instant submittedAt,
        Instant receivedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Submission.Contact contact) {

    static QueueItem of(ModeratedTip tip) {
        Submission submission = tip.submission();
        return new QueueItem(tip.tipId(), submission.headline(), submission.body(), submission.area(),
                submission.category(), submission.submittedAt(), tip.receivedAt(), submission.contact());
    }
}
