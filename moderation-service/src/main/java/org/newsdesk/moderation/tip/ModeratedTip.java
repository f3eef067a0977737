package org.newsdesk.moderation.tip;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One tip as the moderators see it, in one document: what was submitted, whether it has been
 * decided, and the decision itself. Keeping all of it in one document is what lets a single
 * conditional write decide a tip exactly once without transactions, and it makes the document its
 * own outbox: {@code decisionAnnounced} stays {@code false} until Kafka acknowledged the
 * {@code TipDecided} event.
 *
 * @param tipId      the Kafka key of every event about this tip, and therefore the {@code _id}
 * @param decision   {@code null} while the tip is pending
 * @param receivedAt when this service first stored the tip; a redelivery does not change it
 */
@Document(ModeratedTip.COLLECTION)
public record ModeratedTip(
        @Id String tipId,
        Submission submission,
        TipState state,
        Decision decision,
        boolean decisionAnnounced,
        Instant receivedAt) {

    public static final String COLLECTION = "tips";

    public static ModeratedTip pending(String tipId, Submission submission, Instant receivedAt) {
        return new ModeratedTip(tipId, submission, TipState.PENDING, null, false, receivedAt);
    }
}
