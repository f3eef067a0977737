package org.newsdesk.submission.receipt;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.submission.privacy.ErasableTip;
import org.newsdesk.submission.privacy.ErasableTips;
import org.newsdesk.submission.privacy.RetentionProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Writes and reads receipts. Every write is guarded by the revisions the receipt already
 * reflects and by the receipt's own version, so any event may be applied any number of times, in
 * any order, and the outcome is the same. There are no transactions: each event touches one
 * document.
 */
@Component
public class Receipts implements ErasableTips {

    /** Where receipts live in the service's database. */
    public static final String COLLECTION = Receipt.COLLECTION;

    /** What receipts are looked up by: the SHA-256 of the receipt code. */
    public static final String RECEIPT_DIGEST = Receipt.RECEIPT_DIGEST;

    /** When the retention sweep is due to erase a tip's contact details; absent when nothing is left to erase. */
    public static final String CONTACT_ERASABLE_AT = Receipt.CONTACT_ERASABLE_AT;

    /** Far more than writers racing for one tip's receipt ever need. */
    private static final int WRITE_ATTEMPTS = 10;

    private final ReactiveMongoOperations mongo;
    private final StoredTips storedTips;
    private final RetentionProperties retention;

    Receipts(ReactiveMongoOperations mongo, StoredTips storedTips, RetentionProperties retention) {
        this.mongo = mongo;
        this.storedTips = storedTips;
        this.retention = retention;
    }

    /** The tip is on the topic: its receipt from now on follows the tip's decision and story. */
    public Mono<Void> recordSubmission(TipSubmitted submitted) {
        boolean personalData = submitted.sealedContact() != null
                || submitted.contact() != null
                || !submitted.photos().isEmpty();
        return apply(
                        submitted.tipId(),
                        receipt -> submitted.revision() <= receipt.submissionRevision()
                                ? receipt
                                : receipt.withSubmission(
                                        submitted.revision(),
                                        submitted.receiptDigest(),
                                        submitted.submittedAt(),
                                        personalData,
                                        submitted.photos().stream()
                                                .map(PhotoReference::id)
                                                .toList(),
                                        submitted.headline()))
                .then();
    }

    /**
     * The resident withdrew the tip: written by the withdrawal itself, so the resident reads it at
     * once, and again when its event is read from the topic.
     *
     * @return whether the receipt changed: only the first withdrawal read changes it
     */
    public Mono<Boolean> recordWithdrawal(String tipId, Instant withdrawnAt) {
        return apply(tipId, receipt -> receipt.withWithdrawal(withdrawnAt));
    }

    @Override
    public Mono<Boolean> recordErasure(String tipId, Instant erasedAt, ContactErased.Cause cause) {
        return apply(tipId, receipt -> receipt.withErasure(erasedAt, cause));
    }

    @Override
    public Mono<Void> erasureFinished(String tipId) {
        return apply(tipId, Receipt::withErasureFinished).then();
    }

    /**
     * Through the sparse index on {@link #CONTACT_ERASABLE_AT}: only receipts with something left to
     * erase, and of those only the fields an erasure needs.
     */
    @Override
    public Flux<ErasableTip> due(Instant now, int limit) {
        Query due = query(where(Receipt.CONTACT_ERASABLE_AT).lte(now))
                .with(Sort.by(Receipt.CONTACT_ERASABLE_AT))
                .limit(limit);
        due.fields()
                .include(
                        "submissionRevision",
                        "publishedAt",
                        "decisionOutcome",
                        "withdrawnAt",
                        "photoIds",
                        "chosenPhotoIds");
        return mongo.find(due, DueReceipt.class, COLLECTION).map(DueReceipt::erasable);
    }

    /** @return whether the receipt changed: only a decision newer than the one it reflects changes it */
    public Mono<Boolean> recordDecision(TipDecided decided) {
        return apply(
                decided.tipId(),
                receipt -> decided.revision() <= receipt.decisionRevision()
                        ? receipt
                        : receipt.withDecision(
                                decided.revision(),
                                decided.outcome(),
                                decided.reason(),
                                decided.occurredAt(),
                                decided.outcome().publishes()
                                        ? decided.photos().stream()
                                                .map(StoryPhoto::photo)
                                                .map(PhotoReference::id)
                                                .toList()
                                        : List.of()));
    }

    /** @return whether the receipt changed: only a story revision newer than the one it reflects changes it */
    public Mono<Boolean> recordStory(StoryPublished published) {
        return apply(
                published.tipId(),
                receipt -> published.revision() <= receipt.storyRevision()
                        ? receipt
                        : receipt.withStory(published.revision(), published.url(), published.occurredAt()));
    }

    /**
     * The editors withdrew the tip's story: the receipt says so from now on, with their public
     * reason, whatever it reads afterwards.
     *
     * @return whether the receipt changed: only the first retraction read changes it
     */
    public Mono<Boolean> recordRetraction(StoryRetracted retracted) {
        return apply(retracted.tipId(), receipt -> receipt.withRetraction(retracted.reason(), retracted.retractedAt()));
    }

    /**
     * Reads the receipt, changes it and writes it back only if nobody wrote it meanwhile (its
     * version is unchanged, or it still does not exist); otherwise reads again. The status depends
     * on several fields at once, which a single update operator cannot work out.
     */
    private Mono<Boolean> apply(String tipId, UnaryOperator<Receipt> change) {
        return Mono.defer(() -> mongo.findById(tipId, Receipt.class)
                        .defaultIfEmpty(Receipt.unknown(tipId))
                        .flatMap(current -> {
                            Receipt next = change.apply(current).scheduled(retention);
                            if (next.equals(current)) {
                                return Mono.just(false);
                            }
                            Receipt written = next.withVersion(current.version() + 1);
                            Mono<Receipt> write = current.version() == 0
                                    ? mongo.insert(written)
                                            .onErrorResume(
                                                    DuplicateKeyException.class,
                                                    duplicate -> insertedMeanwhile(tipId, duplicate))
                                    : mongo.findAndReplace(
                                            query(where(Receipt.ID)
                                                    .is(tipId)
                                                    .and(Receipt.VERSION)
                                                    .is(current.version())),
                                            written);
                            return write.map(replaced -> true)
                                    .switchIfEmpty(Mono.error(() -> new WrittenMeanwhile(tipId)));
                        }))
                .retryWhen(Retry.max(WRITE_ATTEMPTS).filter(WrittenMeanwhile.class::isInstance));
    }

    /**
     * An insert refused as a duplicate: a race if another writer created this tip's receipt
     * meanwhile (read it again); otherwise two tips share a receipt code, which must fail loudly.
     */
    private Mono<Receipt> insertedMeanwhile(String tipId, DuplicateKeyException duplicate) {
        return mongo.exists(query(where(Receipt.ID).is(tipId)), Receipt.class)
                .flatMap(exists -> Mono.error(exists ? new WrittenMeanwhile(tipId) : duplicate));
    }

    /** Another writer changed the receipt between our read and our write. */
    private static final class WrittenMeanwhile extends RuntimeException {

        WrittenMeanwhile(String tipId) {
            super("Receipt of tip " + tipId + " was written meanwhile", null, false, false);
        }
    }

    /**
     * The receipt, or, for a tip stored but not yet read back from the topic (Kafka is slow or
     * down), what its stored submission says: received.
     */
    Mono<Receipt> find(ReceiptCode code) {
        return mongo.findOne(query(where(Receipt.RECEIPT_DIGEST).is(code.digest())), Receipt.class)
                .switchIfEmpty(Mono.defer(
                        () -> storedTips.findByReceiptDigest(code.digest()).map(tip -> fromStoredTip(tip, code))));
    }

    /**
     * What a stored tip says before its receipt is built: received, or withdrawn when the resident
     * withdrew it already; whether it had contact details or photos, and its headline (which only
     * its event holds), are not known yet.
     */
    private static Receipt fromStoredTip(StoredTips.StoredTip tip, ReceiptCode code) {
        Receipt received =
                Receipt.unknown(tip.tipId()).withSubmission(1, code.digest(), tip.submittedAt(), null, null, null);
        Receipt withdrawn = tip.withdrawnAt() == null ? received : received.withWithdrawal(tip.withdrawnAt());
        return tip.contactErasedAt() == null ? withdrawn : withdrawn.withErasure(tip.contactErasedAt(), tip.erasedBy());
    }
}
