package org.newsdesk.submission.receipt;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.submission.notification.NoticeBell;
import org.newsdesk.submission.notification.NoticeKind;
import org.newsdesk.submission.notification.PendingNotice;
import org.newsdesk.submission.notification.PendingNotices;
import org.newsdesk.submission.privacy.ErasableTip;
import org.newsdesk.submission.privacy.ErasableTips;
import org.newsdesk.submission.privacy.RetentionProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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
public class Receipts implements ErasableTips, PendingNotices {

    /** Where receipts live in the service's database. */
    public static final String COLLECTION = Receipt.COLLECTION;

    /** What receipts are looked up by: the SHA-256 of the receipt code. */
    public static final String RECEIPT_DIGEST = Receipt.RECEIPT_DIGEST;

    /** When the retention sweep is due to erase a tip's contact details; absent when nothing is left to erase. */
    public static final String CONTACT_ERASABLE_AT = Receipt.CONTACT_ERASABLE_AT;

    /** When the email a resident is owed may be sent; absent when none is pending. */
    public static final String NOTICE_DUE_AT = Receipt.NOTICE_DUE_AT;

    /** The tip a duplicate repeats: the tips a story covers are found by it. */
    public static final String DUPLICATE_OF = Receipt.DUPLICATE_OF;

    /** Far more than writers racing for one tip's receipt ever need. */
    private static final int WRITE_ATTEMPTS = 10;

    private final ReactiveMongoOperations mongo;
    private final StoredTips storedTips;
    private final RetentionProperties retention;
    private final NoticeBell bell;
    private final Clock clock;
    private final Receipt.NoticeMode noticeMode;

    @Autowired
    Receipts(
            ReactiveMongoOperations mongo,
            StoredTips storedTips,
            RetentionProperties retention,
            NoticeBell bell,
            Clock clock) {
        this(
                mongo,
                storedTips,
                retention,
                bell,
                clock,
                bell.accepting() ? Receipt.NoticeMode.SEND : Receipt.NoticeMode.OFF);
    }

    private Receipts(
            ReactiveMongoOperations mongo,
            StoredTips storedTips,
            RetentionProperties retention,
            NoticeBell bell,
            Clock clock,
            Receipt.NoticeMode noticeMode) {
        this.mongo = mongo;
        this.storedTips = storedTips;
        this.retention = retention;
        this.bell = bell;
        this.clock = clock;
        this.noticeMode = noticeMode;
    }

    /**
     * The receipts as a rebuild writes them from the log: every email the log makes due was dealt
     * with when it first happened, so each is recorded as handled and none is made to send again.
     * (What was still waiting to be sent when the store was lost is not sent: a rebuild may miss
     * an email, never send one twice.)
     */
    public Receipts replayingTheLog() {
        return new Receipts(
                mongo,
                storedTips,
                retention,
                bell,
                clock,
                bell.accepting() ? Receipt.NoticeMode.HANDLED : Receipt.NoticeMode.OFF);
    }

    /** The tip is on the topic: its receipt from now on follows the tip's decision and story. */
    public Mono<Void> recordSubmission(TipSubmitted submitted) {
        boolean personalData = submitted.sealedContact() != null
                || submitted.contact() != null
                || !submitted.photos().isEmpty();
        // Only sealed addresses are kept: a tip sent before sealing had its address in clear, which
        // no store may hold, so its resident is not emailed.
        String email = submitted.contactConsent() && submitted.sealedContact() != null
                ? submitted.sealedContact().email()
                : null;
        return applyToNew(
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
                                        submitted.headline(),
                                        email))
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

    /**
     * A decision that closes the tip as a duplicate covers it once the original is a story: if
     * that story is out already, the receipt learns its link here; if not, when it comes (see
     * {@link #recordStory}). Each side writes its own receipt before it looks at the other's, so
     * whichever is read second finds the first, however the two race.
     *
     * @return whether the receipt changed: only a decision newer than the one it reflects changes it
     */
    public Mono<Boolean> recordDecision(TipDecided decided) {
        Mono<Boolean> recorded = apply(
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
                                        : List.of(),
                                decided.duplicateOf()));
        if (decided.outcome() != TipDecided.Outcome.DUPLICATE || decided.duplicateOf() == null) {
            return recorded;
        }
        return recorded.flatMap(changed -> mongo.findById(decided.duplicateOf(), Receipt.class)
                .filter(original -> original.status() == ReceiptStatus.PUBLISHED)
                .flatMap(original -> apply(
                        decided.tipId(), receipt -> receipt.withCoveringStory(original.tipId(), original.storyUrl())))
                .map(covered -> changed || covered)
                .defaultIfEmpty(changed));
    }

    /** @return whether the receipt changed: only a story revision newer than the one it reflects changes it */
    public Mono<Boolean> recordStory(StoryPublished published) {
        return apply(
                        published.tipId(),
                        receipt -> published.revision() <= receipt.storyRevision()
                                ? receipt
                                : receipt.withStory(published.revision(), published.url(), published.occurredAt()))
                .flatMap(changed -> coverDuplicates(published).thenReturn(changed));
    }

    /**
     * The tips closed as duplicates of this one learn its story's link. Done whether or not the
     * story changed this receipt: a story read again after a crash between the two finishes the job.
     */
    private Mono<Void> coverDuplicates(StoryPublished published) {
        Query duplicates = query(where(Receipt.DUPLICATE_OF).is(published.tipId()));
        return mongo.find(duplicates, Receipt.class)
                .concatMap(duplicate -> apply(
                        duplicate.tipId(), receipt -> receipt.withCoveringStory(published.tipId(), published.url())))
                .then();
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

    /** Through the sparse index on {@link Receipt#NOTICE_DUE_AT}: only receipts with an email pending have it. */
    @Override
    public Flux<PendingNotice> dueNotices(Instant now, int limit) {
        Query due = query(where(Receipt.NOTICE_DUE_AT).lte(now))
                .with(Sort.by(Receipt.NOTICE_DUE_AT))
                .limit(limit);
        return mongo.find(due, Receipt.class)
                .filter(receipt -> receipt.notice() != null)
                .map(Receipt::pendingNotice);
    }

    /**
     * Moves the notice's due time to the lease's end, in one conditional write that also counts as
     * a write of the receipt (its version), so a projection write racing with it reads it again.
     */
    @Override
    public Mono<PendingNotice> claim(String tipId, NoticeKind kind, Instant now, Instant until) {
        return mongo.findAndModify(
                        pending(tipId, kind)
                                .addCriteria(where(Receipt.NOTICE_DUE_AT).lte(now)),
                        new Update().set(Receipt.NOTICE_DUE_AT, until).inc(Receipt.VERSION, 1),
                        FindAndModifyOptions.options().returnNew(true),
                        Receipt.class)
                .filter(receipt -> receipt.notice() != null)
                .map(Receipt::pendingNotice);
    }

    @Override
    public Mono<Boolean> settle(String tipId, NoticeKind kind) {
        return mongo.updateFirst(
                        pending(tipId, kind),
                        new Update()
                                .unset(Receipt.NOTICE)
                                .unset(Receipt.NOTICE_DUE_AT)
                                .addToSet(Receipt.NOTICES_HANDLED, kind)
                                .inc(Receipt.VERSION, 1),
                        Receipt.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    @Override
    public Mono<Void> retry(String tipId, NoticeKind kind, int attempts, Instant when) {
        return mongo.updateFirst(
                        pending(tipId, kind),
                        new Update()
                                .set(Receipt.NOTICE_ATTEMPTS, attempts)
                                .set(Receipt.NOTICE_DUE_AT, when)
                                .inc(Receipt.VERSION, 1),
                        Receipt.class)
                .then();
    }

    /** The tip's receipt while it still owes this kind of email: a newer change may have dropped or replaced it. */
    private static Query pending(String tipId, NoticeKind kind) {
        return query(where(Receipt.ID).is(tipId).and(Receipt.NOTICE_KIND).is(kind));
    }

    /**
     * Reads the receipt, changes it and writes it back only if nobody wrote it meanwhile (its
     * version is unchanged, or it still does not exist); otherwise reads again. The status depends
     * on several fields at once, which a single update operator cannot work out.
     */
    private Mono<Boolean> apply(String tipId, UnaryOperator<Receipt> change) {
        return Mono.defer(() -> mongo.findById(tipId, Receipt.class)
                        .defaultIfEmpty(Receipt.unknown(tipId))
                        .flatMap(current -> write(current, change, duplicate -> insertedMeanwhile(tipId, duplicate))))
                .retryWhen(Retry.max(WRITE_ATTEMPTS).filter(WrittenMeanwhile.class::isInstance));
    }

    /**
     * As {@link #apply}, for a change that nearly always makes the tip's first receipt (its
     * submission): written as new without the read before it, one command instead of two for every
     * tip. Should the receipt be there already (a redelivery, or the tip's decision read first), it
     * is changed as {@link #apply} changes it.
     */
    private Mono<Boolean> applyToNew(String tipId, UnaryOperator<Receipt> change) {
        return Mono.defer(() -> write(Receipt.unknown(tipId), change, duplicate -> apply(tipId, change)));
    }

    /**
     * The change written over {@code current} (inserted when it is the empty receipt, replaced at
     * its version otherwise), ringing for a notice it makes due.
     *
     * @param whenTaken what an insert refused as a duplicate becomes
     */
    private Mono<Boolean> write(
            Receipt current, UnaryOperator<Receipt> change, Function<DuplicateKeyException, Mono<Boolean>> whenTaken) {
        String tipId = current.tipId();
        Receipt next = change.apply(current).scheduled(retention).noticed(current, noticeMode, clock.instant());
        if (next.equals(current)) {
            return Mono.just(false);
        }
        NoticeKind newNotice = next.notice() != null && !next.notice().equals(current.notice())
                ? next.notice().kind()
                : null;
        Receipt versioned = next.withVersion(current.version() + 1);
        Mono<Receipt> write = current.version() == 0
                ? mongo.insert(versioned)
                : mongo.findAndReplace(
                        query(where(Receipt.ID).is(tipId).and(Receipt.VERSION).is(current.version())), versioned);
        Mono<Boolean> written = write.map(replaced -> {
                    if (newNotice != null) {
                        bell.ring(tipId, newNotice);
                    }
                    return true;
                })
                .switchIfEmpty(Mono.error(() -> new WrittenMeanwhile(tipId)));
        return current.version() == 0 ? written.onErrorResume(DuplicateKeyException.class, whenTaken) : written;
    }

    /**
     * An insert refused as a duplicate: a race if another writer created this tip's receipt
     * meanwhile (read it again); otherwise two tips share a receipt code, which must fail loudly.
     */
    private Mono<Boolean> insertedMeanwhile(String tipId, DuplicateKeyException duplicate) {
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
        Receipt received = Receipt.unknown(tip.tipId())
                .withSubmission(1, code.digest(), tip.submittedAt(), null, null, null, null);
        Receipt withdrawn = tip.withdrawnAt() == null ? received : received.withWithdrawal(tip.withdrawnAt());
        return tip.contactErasedAt() == null ? withdrawn : withdrawn.withErasure(tip.contactErasedAt(), tip.erasedBy());
    }
}
