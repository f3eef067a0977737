package org.newsdesk.submission.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Date;

import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.bson.Document;
import org.newsdesk.messaging.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The tips residents sent, as this service keeps them until Kafka has them: one document per tip,
 * written once, whose outbox holds the {@code TipSubmitted}. Once the relay has sent the event the
 * document keeps only the tip's id, revision, receipt digest and time: the resident's words and
 * contact details live on in the log, not here.
 */
@Component
class SubmittedTips implements InitializingBean {

    static final String COLLECTION = "tips";
    static final String IDEMPOTENCY_KEY = "idempotencyKeyDigest";
    static final String RECEIPT_DIGEST = "receiptDigest";

    private static final Logger log = LoggerFactory.getLogger(SubmittedTips.class);

    private final ReactiveMongoOperations mongo;
    private final Outbox outbox;

    /** Each tip waits in its own document until Kafka has it. */
    SubmittedTips(ReactiveMongoOperations mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /**
     * One tip per idempotency key, enforced by the database rather than by a look-before-write, so
     * two retries racing each other still store one tip. Sparse: most tips come without a key.
     */
    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION)
                .createIndex(new Index().on(IDEMPOTENCY_KEY, Sort.Direction.ASC).unique().sparse()
                        .named("idempotency_key"))
                // Receipts are looked up here until the receipt itself is built from the topic.
                .then(mongo.indexOps(COLLECTION).createIndex(new Index().on(RECEIPT_DIGEST, Sort.Direction.ASC)
                        .unique().sparse().named("receipt_digest")))
                .subscribe(null, error -> log.warn("Could not create the indexes of submitted tips: {}", error.toString()));
    }

    /**
     * Stores the new tip with its event in one write. The tip id is new, so the upsert inserts;
     * written as an insert-only upsert all the same, a retried write can never store it twice.
     *
     * @param replay what a request repeating this one with the same idempotency key is answered
     *               with; {@code null} without a key. A second tip with the same key fails with a
     *               {@code DuplicateKeyException}
     */
    Mono<Void> store(TipSubmitted tip, Replay replay) {
        Update insert = new Update()
                .setOnInsert("revision", tip.revision())
                .setOnInsert(RECEIPT_DIGEST, tip.receiptDigest())
                .setOnInsert("submittedAt", Date.from(tip.submittedAt()));
        if (replay != null) {
            insert.setOnInsert(IDEMPOTENCY_KEY, replay.keyDigest())
                    .setOnInsert("requestFingerprint", replay.requestFingerprint())
                    .setOnInsert("sealedReceipt", replay.sealedReceipt());
        }
        // A new id: nobody else can be relaying it, so the lease comes with the insert.
        outbox.announceOnInsertHeld(insert, Topics.TIPS_SUBMITTED, tip);
        return mongo.upsert(query(where("_id").is(tip.tipId())), insert, COLLECTION).then();
    }

    /** Sends the stored tip to Kafka without making the resident wait (see {@link #store}). */
    void relayInBackground(String tipId) {
        outbox.relayOwnInBackground(tipId);
    }

    /** The tip first stored under this idempotency key, as a repeated request is answered. */
    Mono<StoredReplay> findByIdempotencyKey(String keyDigest) {
        return mongo.findOne(query(where(IDEMPOTENCY_KEY).is(keyDigest)), Document.class, COLLECTION)
                .map(found -> new StoredReplay(found.getString("_id"),
                        new Replay(keyDigest, found.getString("requestFingerprint"), found.getString("sealedReceipt"))));
    }

    /**
     * @param requestFingerprint SHA-256 of the tip as first sent: the same key with another tip is
     *                           a client's mistake, not a retry
     * @param sealedReceipt      the receipt code, sealed with a key only the client's idempotency key gives
     */
    record Replay(String keyDigest, String requestFingerprint, String sealedReceipt) {
    }

    record StoredReplay(String tipId, Replay replay) {
    }
}
