package org.newsdesk.submission.tip;

import java.time.Instant;
import org.newsdesk.events.ContactErased;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A tip as this service keeps it once its event is on its way (see {@link SubmittedTips}): its
 * outbox, which holds the resident's words until Kafka has them, is the relay's business and not
 * read here.
 *
 * @param receiptDigest        SHA-256 of the receipt code, for lookups before the receipt is built
 * @param idempotencyKeyDigest what the client's idempotency key (or the form's token) is found by;
 *                             {@code null} for a tip sent without one
 * @param requestFingerprint   SHA-256 of the tip as first sent: the same key with another tip is a
 *                             client's mistake, not a retry
 * @param sealedReceipt        the receipt code, sealed with a key only the client's idempotency key gives
 * @param revision             the tip's revision: 1 as sent, one more for each act of its resident
 *                             (a withdrawal, an erasure), which its event carries
 * @param withdrawnAt          when the resident withdrew the tip, if they did
 * @param contactErasedAt      when the contact details were erased, if they were
 * @param erasedBy             who erased them: the resident, or the retention period running out
 */
@Document(SubmittedTips.COLLECTION)
record SubmittedTip(
        @Id String tipId,
        long revision,
        String receiptDigest,
        Instant submittedAt,
        String idempotencyKeyDigest,
        String requestFingerprint,
        String sealedReceipt,
        Instant withdrawnAt,
        Instant contactErasedAt,
        ContactErased.Cause erasedBy) {}
