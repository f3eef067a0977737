package org.newsdesk.submission.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.submission.receipt.StoredTips;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The tips residents sent, as this service keeps them until Kafka has them: one document per tip
 * ({@link SubmittedTip}), written once, whose outbox holds the {@code TipSubmitted}. Once the relay
 * has sent the event the document keeps only the tip's id, revision, receipt digest and time, and
 * what repeats of its request are answered with: the resident's words and contact details live on
 * in the log, not here.
 */
@Component
public class SubmittedTips implements StoredTips {

    /** Where the service keeps the tips; also the collection its outbox relays (see {@code application.yml}). */
    public static final String COLLECTION = "tips";
    /** One tip per idempotency key: the index on it is unique. */
    public static final String IDEMPOTENCY_KEY_DIGEST = "idempotencyKeyDigest";
    /** What a receipt is looked up by before it is built. */
    public static final String RECEIPT_DIGEST = "receiptDigest";

    private final ReactiveMongoOperations mongo;
    private final Outbox outbox;

    /** Each tip waits in its own document until Kafka has it. */
    SubmittedTips(ReactiveMongoOperations mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /**
     * Stores the new tip with its event in one write. The tip id is new, so the upsert inserts;
     * written as an insert-only upsert all the same, a retried write can never store it twice.
     *
     * @param replay what a request repeating this one with the same idempotency key is answered
     *               with; {@code null} without a key. A second tip with the same key fails with a
     *               {@code DuplicateKeyException}: the database refuses it, rather than a look
     *               before the write, so two retries racing each other still store one tip
     */
    Mono<Void> store(TipSubmitted tip, Replay replay) {
        Update insert = new Update()
                .setOnInsert("revision", tip.revision())
                .setOnInsert(RECEIPT_DIGEST, tip.receiptDigest())
                .setOnInsert("submittedAt", tip.submittedAt());
        if (replay != null) {
            insert.setOnInsert(IDEMPOTENCY_KEY_DIGEST, replay.keyDigest())
                    .setOnInsert("requestFingerprint", replay.requestFingerprint())
                    .setOnInsert("sealedReceipt", replay.sealedReceipt());
        }
        // A new id: nobody else can be relaying it, so the lease comes with the insert.
        outbox.announceOnInsertHeld(insert, Topics.TIPS_SUBMITTED, tip);
        return mongo.upsert(query(where("_id").is(tip.tipId())), insert, SubmittedTip.class)
                .then();
    }

    /** Sends the stored tip to Kafka without making the resident wait (see {@link #store}). */
    void relayInBackground(String tipId) {
        outbox.relayOwnInBackground(tipId);
    }

    /** The tip first stored under this idempotency key, as a repeated request is answered. */
    Mono<SubmittedTip> findByIdempotencyKey(String keyDigest) {
        return mongo.findOne(query(where(IDEMPOTENCY_KEY_DIGEST).is(keyDigest)), SubmittedTip.class);
    }

    @Override
    public Mono<StoredTip> findByReceiptDigest(String receiptDigest) {
        return mongo.findOne(query(where(RECEIPT_DIGEST).is(receiptDigest)), SubmittedTip.class)
                .map(tip -> new StoredTip(tip.tipId(), tip.submittedAt()));
    }

    /**
     * What is kept for answering a request that repeats this one.
     *
     * @param keyDigest the request's {@link IdempotencyKey#digest()}
     */
    record Replay(String keyDigest, String requestFingerprint, String sealedReceipt) {}
}
