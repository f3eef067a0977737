package org.newsdesk.submission.receipt;

import java.time.Instant;
import org.newsdesk.events.TipDecided;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The read model behind a receipt, one document per tip. It is built only from Kafka events (and
 * the write made when the tip is accepted), so it can always be rebuilt from the log.
 *
 * <p>It follows three records owned by others: the resident's tip, the moderators' tip and the
 * story. For each it keeps the revision it last applied, so an event is applied only when it is
 * newer than what the receipt already reflects, and the status is worked out from all three: a
 * newer decision may move a receipt back as well as forward.
 *
 * @param receiptDigest      SHA-256 of the receipt code; absent while only later events of the tip
 *                           have been read
 * @param decisionOutcome    the moderators' latest outcome, {@code null} while undecided
 * @param version            counts this document's own writes: every write is conditional on it
 * @param retractionReason   the editors' public reason for withdrawing the published story; once
 *                           set it stays, whatever is read afterwards (a retraction is final)
 * @param retractedAt        when the story was withdrawn
 */
@Document(Receipt.COLLECTION)
record Receipt(
        @Id String tipId,
        String receiptDigest,
        ReceiptStatus status,
        String storyUrl,
        String reason,
        Instant submittedAt,
        Instant updatedAt,
        long submissionRevision,
        long decisionRevision,
        TipDecided.Outcome decisionOutcome,
        long storyRevision,
        long version,
        String retractionReason,
        Instant retractedAt) {

    static final String COLLECTION = "receipts";

    static final String ID = "_id";
    static final String RECEIPT_DIGEST = "receiptDigest";
    static final String VERSION = "version";

    /** Nothing known yet about the tip. */
    static Receipt unknown(String tipId) {
        return new Receipt(tipId, null, ReceiptStatus.RECEIVED, null, null, null, null, 0, 0, null, 0, 0, null, null);
    }

    Receipt withSubmission(long revision, String digest, Instant at) {
        return new Receipt(
                        tipId,
                        digest != null ? digest : receiptDigest,
                        status,
                        storyUrl,
                        reason,
                        submittedAt == null || at.isBefore(submittedAt) ? at : submittedAt,
                        updatedAt,
                        revision,
                        decisionRevision,
                        decisionOutcome,
                        storyRevision,
                        version,
                        retractionReason,
                        retractedAt)
                .withStatus(at);
    }

    Receipt withVersion(long next) {
        return new Receipt(
                tipId,
                receiptDigest,
                status,
                storyUrl,
                reason,
                submittedAt,
                updatedAt,
                submissionRevision,
                decisionRevision,
                decisionOutcome,
                storyRevision,
                next,
                retractionReason,
                retractedAt);
    }

    Receipt withDecision(long revision, TipDecided.Outcome outcome, String declineReason, Instant at) {
        return new Receipt(
                        tipId,
                        receiptDigest,
                        status,
                        storyUrl,
                        outcome.declines() ? declineReason : null,
                        submittedAt,
                        updatedAt,
                        submissionRevision,
                        revision,
                        outcome,
                        storyRevision,
                        version,
                        retractionReason,
                        retractedAt)
                .withStatus(at);
    }

    Receipt withStory(long revision, String url, Instant at) {
        return new Receipt(
                        tipId,
                        receiptDigest,
                        status,
                        url,
                        reason,
                        submittedAt,
                        updatedAt,
                        submissionRevision,
                        decisionRevision,
                        decisionOutcome,
                        revision,
                        version,
                        retractionReason,
                        retractedAt)
                .withStatus(at);
    }

    /**
     * The story was withdrawn: final, so the first retraction read is the one kept (a retraction
     * is never made twice for a story, and a redelivery carries the same reason).
     */
    Receipt withRetraction(String publicReason, Instant at) {
        if (retractionReason != null) {
            return this;
        }
        return new Receipt(
                        tipId,
                        receiptDigest,
                        status,
                        storyUrl,
                        reason,
                        submittedAt,
                        updatedAt,
                        submissionRevision,
                        decisionRevision,
                        decisionOutcome,
                        storyRevision,
                        version,
                        publicReason,
                        at)
                .withStatus(at);
    }

    /**
     * Where the tip stands, from what the receipt knows: a withdrawal beats a story beats a
     * decision beats nothing. The story's and the decision's revisions are still followed after a
     * withdrawal, so a late or repeated event changes what is remembered, never the status.
     */
    private Receipt withStatus(Instant at) {
        ReceiptStatus derived;
        if (retractionReason != null) {
            derived = ReceiptStatus.WITHDRAWN;
        } else if (storyUrl != null) {
            derived = ReceiptStatus.PUBLISHED;
        } else if (decisionOutcome != null && decisionOutcome.declines()) {
            derived = ReceiptStatus.DECLINED;
        } else if (decisionOutcome != null) {
            // Approved and waiting for its story, or held for more information.
            derived = ReceiptStatus.IN_REVIEW;
        } else {
            derived = ReceiptStatus.RECEIVED;
        }
        return new Receipt(
                tipId,
                receiptDigest,
                derived,
                derived == ReceiptStatus.PUBLISHED ? storyUrl : null,
                derived == ReceiptStatus.DECLINED
                        ? reason
                        : derived == ReceiptStatus.WITHDRAWN ? retractionReason : null,
                submittedAt,
                derived == status && updatedAt != null ? updatedAt : at,
                submissionRevision,
                decisionRevision,
                decisionOutcome,
                storyRevision,
                version,
                retractionReason,
                retractedAt);
    }
}
