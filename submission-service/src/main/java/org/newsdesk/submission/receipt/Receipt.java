package org.newsdesk.submission.receipt;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The read model behind a receipt, one document per tip. It is built only from Kafka events (and
 * the submission's own acknowledged send), so it can always be rebuilt from the log.
 *
 * @param receiptDigest SHA-256 of the receipt code; absent while only later events of the tip
 *                      have been read
 * @param statusRank    {@link ReceiptStatus#rank()}, kept beside the status so updates can say
 *                      "only if this moves forward" in one query
 */
@Document(Receipt.COLLECTION)
record Receipt(
        @Id String tipId,
        String receiptDigest,
        ReceiptStatus status,
        int statusRank,
        String storyUrl,
        String reason,
        Instant submittedAt,
        Instant updatedAt) {

    static final String COLLECTION = "receipts";

    static final String ID = "_id";
    static final String RECEIPT_DIGEST = "receiptDigest";
    static final String STATUS = "status";
    static final String STATUS_RANK = "statusRank";
    static final String STORY_URL = "storyUrl";
    static final String REASON = "reason";
    static final String SUBMITTED_AT = "submittedAt";
    static final String UPDATED_AT = "updatedAt";
}
