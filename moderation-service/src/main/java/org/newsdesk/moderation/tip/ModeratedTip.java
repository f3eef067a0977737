package org.newsdesk.moderation.tip;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One tip as the moderators see it, in one document: what was submitted, whether it has been
 * decided, and the decision itself. Keeping all of it in one document is what lets a single
 * conditional write decide a tip exactly once without transactions; the same write puts the
 * {@code TipDecided} event into the document's outbox (see {@code Outbox}), so a stored decision
 * is always announced.
 *
 * @param tipId              the Kafka key of every event about this tip, and therefore the {@code _id}
 * @param decision           {@code null} while the tip is pending
 * @param revision           this record's revision: 1 when the tip arrives, one more with every
 *                           change; the events it emits carry it
 * @param submissionRevision the revision of the resident's tip the submission came from, so an
 *                           older copy of the submission never overwrites a newer one
 * @param receivedAt         when this service first stored the tip; a redelivery does not change it
 */
@Document(ModeratedTip.COLLECTION)
public record ModeratedTip(
        @Id String tipId,
        Submission submission,
        TipState state,
        Decision decision,
        long revision,
        long submissionRevision,
        Instant receivedAt) {

    public static final String COLLECTION = "tips";

    public static ModeratedTip pending(String tipId, Submission submission, long submissionRevision,
            Instant receivedAt) {
        return new ModeratedTip(tipId, submission, TipState.PENDING, null, 1, submissionRevision, receivedAt);
    }
}
