package org.newsdesk.submission.notification;

import java.time.Instant;
import org.newsdesk.events.SealedContact;

/**
 * An email a resident is owed, as the relay reads it from the receipt that holds it.
 *
 * @param link        the story's address, for {@link NoticeKind#PUBLISHED} and {@link NoticeKind#COVERED}
 * @param reason      the moderator's reason for the resident, for {@link NoticeKind#DECLINED}
 * @param sealedEmail the resident's address, sealed with the tip's data key: opened only to send
 * @param submittedAt when the resident sent the tip, so the email can say which tip it is about
 * @param attempts    sends that failed so far
 */
public record PendingNotice(
        String tipId,
        NoticeKind kind,
        String link,
        String reason,
        SealedContact sealedEmail,
        Instant submittedAt,
        int attempts) {

    /** Names the tip and the kind only: the rest is for the resident's eyes. */
    @Override
    public String toString() {
        return "PendingNotice[" + tipId + ", " + kind + "]";
    }
}
