package org.newsdesk.submission.receipt;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;

import org.newsdesk.submission.SubmissionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes and reads receipts. Every write is an upsert or a rank-guarded update keyed by the tip
 * id, so any event may be applied any number of times, in any order, and the outcome is the same.
 * There are no transactions: each event touches one document.
 */
@Component
public class Receipts implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    private final ReactiveMongoOperations mongo;
    private final SubmissionProperties properties;

    Receipts(ReactiveMongoOperations mongo, SubmissionProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    /**
     * Lookups go by digest. Sparse, because a receipt created by a decision that overtook its
     * submission has no digest yet; unique, because two tips sharing a code would let one
     * resident see the other's tip.
     */
    @Override
    public void afterPropertiesSet() {
        try {
            mongo.indexOps(Receipt.class)
                    .createIndex(new Index().on(Receipt.RECEIPT_DIGEST, Sort.Direction.ASC).unique().sparse())
                    .timeout(properties.storeTimeout()).block();
        }
        catch (RuntimeException ex) {
            // Lookups still work without the index, only slower; the next start creates it.
            log.warn("Could not create the receipt digest index: {}", ex.toString());
        }
    }

    /**
     * The tip is on Kafka: make its receipt findable. Leaves the status alone when a later event
     * of the same tip got here first.
     */
    public Mono<Void> recordSubmission(String tipId, String receiptDigest, Instant submittedAt) {
        Query sameTip = query(where(Receipt.ID).is(tipId));
        // $min: should the same tip ever be logged twice, the receipt keeps the first moment, in any reading order.
        Update update = new Update()
                .min(Receipt.SUBMITTED_AT, submittedAt)
                .setOnInsert(Receipt.STATUS, ReceiptStatus.RECEIVED.name())
                .setOnInsert(Receipt.STATUS_RANK, ReceiptStatus.RECEIVED.rank())
                .setOnInsert(Receipt.UPDATED_AT, submittedAt);
        if (receiptDigest != null) {
            update.set(Receipt.RECEIPT_DIGEST, receiptDigest);
        }
        // Two writers inserting the same new tip at once: the loser finds the winner's document on a second try.
        return mongo.upsert(sameTip, update, Receipt.class)
                .onErrorResume(DuplicateKeyException.class, race -> mongo.upsert(sameTip, update, Receipt.class))
                .then();
    }

    /**
     * Moves the tip's receipt to {@code status} unless it already stands there or further on.
     *
     * @return whether anything changed
     */
    Mono<Boolean> advance(String tipId, ReceiptStatus status, String storyUrl, String reason, Instant at) {
        Query behind = query(where(Receipt.ID).is(tipId).and(Receipt.STATUS_RANK).lt(status.rank()));
        Update update = new Update()
                .set(Receipt.STATUS, status.name())
                .set(Receipt.STATUS_RANK, status.rank())
                .set(Receipt.UPDATED_AT, at);
        if (storyUrl != null) {
            update.set(Receipt.STORY_URL, storyUrl);
        }
        if (reason != null) {
            update.set(Receipt.REASON, reason);
        }
        // No match means no document yet (the upsert creates it) or one at least as far along:
        // then inserting a second document with the same _id fails, which is the answer "already
        // there". Once more, because a document created meanwhile may still be behind.
        return mongo.upsert(behind, update, Receipt.class)
                .onErrorResume(DuplicateKeyException.class, race -> mongo.upsert(behind, update, Receipt.class))
                .map(result -> result.getModifiedCount() > 0 || result.getUpsertedId() != null)
                .onErrorResume(DuplicateKeyException.class, alreadyThere -> Mono.just(false));
    }

    Mono<Receipt> find(ReceiptCode code) {
        return mongo.findOne(query(where(Receipt.RECEIPT_DIGEST).is(code.digest())), Receipt.class);
    }
}
