package org.newsdesk.submission.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.function.Function;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.TipWithdrawn;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.submission.privacy.ErasureRecords;
import org.newsdesk.submission.receipt.StoredTips;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The tips residents sent, as this service keeps them until Kafka has them: one document per tip
 * ({@link SubmittedTip}), written once, whose outbox holds the {@code TipSubmitted}. Once the relay
 * has sent the event the document keeps only the tip's id, revision, receipt digest and time, and
 * what repeats of its request are answered with: the resident's words and sealed contact details
 * live on in the log, not here. The resident's later acts on the tip (a withdrawal, an erasure) are
 * recorded on it the same way: each with its event, in one write that bumps the revision.
 */
@Component
public class SubmittedTips implements StoredTips, ErasureRecords {

    /** Where the service keeps the tips; also the collection its outbox relays (see {@code application.yml}). */
    public static final String COLLECTION = "tips";
    /** One tip per idempotency key: the index on it is unique. */
    public static final String IDEMPOTENCY_KEY_DIGEST = "idempotencyKeyDigest";
    /** What a receipt is looked up by before it is built. */
    public static final String RECEIPT_DIGEST = "receiptDigest";

    private final ReactiveMongoOperations mongo;
    private final Outbox outbox;

    static final String REVISION = "revision";
    static final String WITHDRAWN_AT = "withdrawnAt";
    static final String CONTACT_ERASED_AT = "contactErasedAt";

    /** Far more than a resident's acts racing on one tip ever need. */
    private static final int WRITE_ATTEMPTS = 10;

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
     * @return the tip's event as stored, for {@link #relayInBackground} to send
     */
    Mono<Outbox.HeldInsert> store(TipSubmitted tip, Replay replay) {
        Update insert = new Update()
                .setOnInsert(REVISION, tip.revision())
                .setOnInsert(RECEIPT_DIGEST, tip.receiptDigest())
                .setOnInsert("submittedAt", tip.submittedAt());
        if (replay != null) {
            insert.setOnInsert(IDEMPOTENCY_KEY_DIGEST, replay.keyDigest())
                    .setOnInsert("requestFingerprint", replay.requestFingerprint())
                    .setOnInsert("sealedReceipt", replay.sealedReceipt());
        }
        // A new id: nobody else can be relaying it, so the lease comes with the insert.
        Outbox.HeldInsert stored = outbox.announceOnInsertHeld(insert, Topics.TIPS_SUBMITTED, tip);
        return mongo.upsert(query(where("_id").is(tip.tipId())), insert, SubmittedTip.class)
                .thenReturn(stored);
    }

    /** Sends the stored tip to Kafka without making the resident wait (see {@link #store}). */
    void relayInBackground(String tipId, Outbox.HeldInsert stored) {
        outbox.relayInsertedInBackground(tipId, stored);
    }

    /** The tip first stored under this idempotency key, as a repeated request is answered. */
    Mono<SubmittedTip> findByIdempotencyKey(String keyDigest) {
        return mongo.findOne(query(where(IDEMPOTENCY_KEY_DIGEST).is(keyDigest)), SubmittedTip.class);
    }

    @Override
    public Mono<StoredTip> findByReceiptDigest(String receiptDigest) {
        return mongo.findOne(query(where(RECEIPT_DIGEST).is(receiptDigest)), SubmittedTip.class)
                .map(tip -> new StoredTip(
                        tip.tipId(), tip.submittedAt(), tip.withdrawnAt(), tip.contactErasedAt(), tip.erasedBy()));
    }

    @Override
    public Mono<Instant> withdraw(String tipId, Instant at) {
        return recordOnce(tipId, WITHDRAWN_AT, SubmittedTip::withdrawnAt, revision -> {
                    TipWithdrawn withdrawn = TipWithdrawn.of(tipId, revision, at);
                    return new Act(new Update().set(WITHDRAWN_AT, at), withdrawn);
                })
                .map(tip -> tip.withdrawnAt() != null ? tip.withdrawnAt() : at);
    }

    @Override
    public Mono<Boolean> recordErasure(
            String tipId, ContactErased.Cause cause, Instant erasedAt, boolean photosErased) {
        return recordOnce(tipId, CONTACT_ERASED_AT, SubmittedTip::contactErasedAt, revision -> {
                    ContactErased erased = ContactErased.of(tipId, revision, erasedAt, cause, photosErased);
                    return new Act(new Update().set(CONTACT_ERASED_AT, erasedAt).set("erasedBy", cause), erased);
                })
                .map(tip -> tip.contactErasedAt() == null)
                .defaultIfEmpty(false);
    }

    /**
     * Records a resident's act on the tip once: the act's fields and its event, with the next
     * revision, in one write conditional on the revision read and on the act not being recorded
     * yet; another act written meanwhile makes it read again. Then relays the event.
     *
     * @return the tip as it was before this call recorded the act, or as it is when the act was
     *         recorded before (its field set); empty when there is no such tip
     */
    private Mono<SubmittedTip> recordOnce(
            String tipId, String field, Function<SubmittedTip, Instant> recorded, Function<Long, Act> act) {
        return Mono.defer(() -> mongo.findById(tipId, SubmittedTip.class).flatMap(tip -> {
                    if (recorded.apply(tip) != null) {
                        return Mono.just(tip);
                    }
                    long next = tip.revision() + 1;
                    Act made = act.apply(next);
                    Update update = made.update().set(REVISION, next);
                    Outbox.announce(update, Topics.TIPS_SUBMITTED, made.event());
                    return mongo.updateFirst(
                                    query(where("_id")
                                            .is(tipId)
                                            .and(REVISION)
                                            .is(tip.revision())
                                            .and(field)
                                            .exists(false)),
                                    update,
                                    SubmittedTip.class)
                            .flatMap(result -> result.getModifiedCount() > 0
                                    ? Mono.fromRunnable(() -> outbox.relayInBackground(tipId))
                                            .thenReturn(tip)
                                    : Mono.error(new WrittenMeanwhile(tipId)));
                }))
                .retryWhen(Retry.max(WRITE_ATTEMPTS).filter(WrittenMeanwhile.class::isInstance));
    }

    /** A resident's act: what it changes on the tip, and the event that announces it. */
    private record Act(Update update, NewsdeskEvent event) {}

    /** Another act was recorded on the tip between our read and our write. */
    private static final class WrittenMeanwhile extends RuntimeException {

        WrittenMeanwhile(String tipId) {
            super("Tip " + tipId + " was written meanwhile", null, false, false);
        }
    }

    /**
     * What is kept for answering a request that repeats this one.
     *
     * @param keyDigest the request's {@link IdempotencyKey#digest()}
     */
    record Replay(String keyDigest, String requestFingerprint, String sealedReceipt) {}
}
