package org.newsdesk.moderation.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The moderators' tips in MongoDB. Every write here is a single-document conditional write, so
 * redelivered events, concurrent moderators and several service instances cannot corrupt a tip,
 * and nothing needs a transaction. A write that changes what the rest of Newsdesk knows about a
 * tip puts the event announcing it into the tip's outbox in the same write.
 */
@Component
public class ModeratedTips {

    static final String STATE = "state";
    static final String REVISION = "revision";
    static final String SUBMISSION_REVISION = "submissionRevision";
    static final String SUBMITTED_AT = "submission.submittedAt";
    static final String AREA = "submission.area";
    static final String CATEGORY = "submission.category";
    static final String CLAIM = "claim";
    static final String CLAIM_HOLDER = "claim.holder";
    static final String CLAIM_EXPIRES_AT = "claim.expiresAt";
    static final String HISTORY = "history";

    private static final FindAndModifyOptions RETURN_NEW =
            FindAndModifyOptions.options().returnNew(true);

    private final ReactiveMongoOperations mongo;

    ModeratedTips(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Adds a tip to the queue, or brings its submission up to date when this revision of it is
     * newer than the one held. An older or repeated revision changes nothing, and neither the
     * moderators' state nor the decision is ever touched here.
     *
     * @return {@code true} if the tip is new, {@code false} if it was already there
     */
    public Mono<Boolean> receive(String tipId, Submission submission, long submissionRevision, Instant receivedAt) {
        Query olderOrAbsent =
                query(where("_id").is(tipId).and(SUBMISSION_REVISION).lt(submissionRevision));
        Update update = new Update()
                .set("submission", submission)
                .set(SUBMISSION_REVISION, submissionRevision)
                .setOnInsert(STATE, TipState.PENDING)
                .setOnInsert(REVISION, 1L)
                .setOnInsert("receivedAt", receivedAt)
                .setOnInsert(
                        HISTORY,
                        List.of(new HistoryEntry(
                                HistoryEntry.Kind.RECEIVED,
                                HistoryEntry.RESIDENT,
                                submission.submittedAt(),
                                List.of(),
                                null)));
        // No match means no tip yet (the upsert inserts it) or one holding this revision or a newer
        // one: then the insert collides with its _id, which is the answer "nothing to do".
        return mongo.upsert(olderOrAbsent, update, ModeratedTip.class)
                .map(result -> result.getUpsertedId() != null)
                .onErrorResume(DuplicateKeyException.class, alreadyThere -> Mono.just(false));
    }

    public Mono<ModeratedTip> find(String tipId) {
        return mongo.findById(tipId, ModeratedTip.class);
    }

    /**
     * One page of undecided tips, the longest-waiting first, after {@code position} when given. The
     * order (submission time, then id) is total, so paging neither skips nor repeats a tip; the
     * indexes declared in {@link TipIndexes} serve each filter in that order.
     */
    public Flux<ModeratedTip> pending(QueueFilter filter, QueuePosition after, int limit) {
        Criteria criteria = filter.criteria();
        if (after != null) {
            criteria = criteria.orOperator(
                    where(SUBMITTED_AT).gt(after.submittedAt()),
                    where(SUBMITTED_AT).is(after.submittedAt()).and("_id").gt(after.tipId()));
        }
        Query page = query(criteria)
                .with(Sort.by(Sort.Order.asc(SUBMITTED_AT), Sort.Order.asc("_id")))
                .limit(limit);
        return mongo.find(page, ModeratedTip.class);
    }

    /**
     * These tips, in no particular order. The query names nothing but {@code _id}, so that even
     * mongo-java-server, which only uses an index for exactly that, reads them through the index.
     */
    public Flux<ModeratedTip> findAll(Collection<String> tipIds) {
        return tipIds.isEmpty() ? Flux.empty() : mongo.find(query(where("_id").in(tipIds)), ModeratedTip.class);
    }

    /** Every undecided tip's place in the queue and what the filters look at, without the rest of it. */
    public Flux<QueueEntry> pendingEntries() {
        Query pending = query(where(STATE).is(TipState.PENDING));
        pending.fields().include("_id", SUBMITTED_AT, AREA, CATEGORY);
        return mongo.find(pending, QueueEntry.Placed.class).map(QueueEntry::of);
    }

    /** Undecided tips, the longest-waiting first. */
    public Flux<ModeratedTip> pending(int limit) {
        return pending(QueueFilter.ALL, null, limit);
    }

    /** How many tips wait that match the filter. */
    public Mono<Long> waiting(QueueFilter filter) {
        return mongo.count(query(filter.criteria()), ModeratedTip.class);
    }

    /**
     * Claims a pending tip for {@code moderator} until {@code until}: renews their own claim, or
     * takes one nobody holds (never held, released or expired). A conditional single-document
     * write each, so of two moderators racing for the same tip exactly one wins.
     *
     * @return the claimed tip, or empty when the tip is unknown, decided, or held by someone else
     */
    public Mono<ModeratedTip> claim(String tipId, String moderator, Instant now, Instant until) {
        Query ownClaim = query(where("_id")
                .is(tipId)
                .and(STATE)
                .is(TipState.PENDING)
                .and(CLAIM_HOLDER)
                .is(moderator)
                .and(CLAIM_EXPIRES_AT)
                .gt(now));
        Query free = query(where("_id")
                .is(tipId)
                .and(STATE)
                .is(TipState.PENDING)
                .orOperator(where(CLAIM).is(null), where(CLAIM_EXPIRES_AT).lte(now)));
        Update take = new Update()
                .set(CLAIM, new Claim(moderator, until))
                .push(HISTORY, new HistoryEntry(HistoryEntry.Kind.CLAIMED, moderator, now, List.of(), null));
        return mongo.findAndModify(ownClaim, new Update().set(CLAIM_EXPIRES_AT, until), RETURN_NEW, ModeratedTip.class)
                .switchIfEmpty(Mono.defer(() -> mongo.findAndModify(free, take, RETURN_NEW, ModeratedTip.class)));
    }

    /**
     * Ends {@code moderator}'s claim on the tip, if they hold one.
     *
     * @return the released tip, or empty when they held no claim on it
     */
    public Mono<ModeratedTip> release(String tipId, String moderator, Instant now) {
        Query ownClaim = query(where("_id")
                .is(tipId)
                .and(CLAIM_HOLDER)
                .is(moderator)
                .and(CLAIM_EXPIRES_AT)
                .gt(now));
        Update release = new Update()
                .unset(CLAIM)
                .push(HISTORY, new HistoryEntry(HistoryEntry.Kind.RELEASED, moderator, now, List.of(), null));
        return mongo.findAndModify(ownClaim, release, RETURN_NEW, ModeratedTip.class);
    }

    /**
     * Records the decision if, and only if, the tip is still pending, still at the revision the
     * moderator saw and claimed by nobody else, in one atomic write that also puts the
     * {@code TipDecided} into the tip's outbox, appends the history (the edits with the resident's
     * words before them, then the decision) and ends the claim. Of several moderators deciding at
     * once, exactly one gets the tip back. A hold keeps the tip pending, back in the queue, to be
     * decided again with a higher revision.
     *
     * @return the decided tip, or empty if the tip changed, was decided or was claimed meanwhile
     */
    public Mono<ModeratedTip> decide(ModeratedTip pending, Decision decision) {
        long revision = pending.revision() + 1;
        Query unchanged = query(where("_id")
                .is(pending.tipId())
                .and(STATE)
                .is(TipState.PENDING)
                .and(REVISION)
                .is(pending.revision())
                .orOperator(
                        where(CLAIM).is(null),
                        where(CLAIM_EXPIRES_AT).lte(decision.decidedAt()),
                        where(CLAIM_HOLDER).is(decision.decidedBy())));
        boolean held = decision.outcome() == TipDecided.Outcome.HELD;
        List<HistoryEntry> entries = new ArrayList<>(2);
        if (!decision.changes().isEmpty()) {
            entries.add(new HistoryEntry(
                    HistoryEntry.Kind.EDITED, decision.decidedBy(), decision.decidedAt(), decision.changes(), null));
        }
        entries.add(new HistoryEntry(
                held ? HistoryEntry.Kind.HELD : HistoryEntry.Kind.DECIDED,
                decision.decidedBy(),
                decision.decidedAt(),
                List.of(),
                summary(decision)));
        Update decide = new Update()
                .set(STATE, held ? TipState.PENDING : TipState.DECIDED)
                .set("decision", decision)
                .set(REVISION, revision)
                .unset(CLAIM);
        decide.push(HISTORY).each(entries.toArray());
        Outbox.announce(decide, Topics.TIPS_DECIDED, announcement(pending, decision, revision));
        return mongo.findAndModify(unchanged, decide, RETURN_NEW, ModeratedTip.class);
    }

    /** What the history says about why: the outcome, and the reason, note or original it names. */
    private static String summary(Decision decision) {
        return switch (decision.outcome()) {
            case APPROVED ->
                "Approved"
                        + (decision.photos().isEmpty()
                                ? ""
                                : " with " + decision.photos().size()
                                        + (decision.photos().size() == 1 ? " photo" : " photos"));
            case REJECTED -> "Declined: " + decision.reason();
            case HELD -> "On hold: " + decision.note();
            case DUPLICATE -> "Duplicate of " + decision.duplicateOf();
        };
    }

    /**
     * Puts back a decision the log holds, as a rebuild does: the tip takes the decision and the
     * revision it had then, without announcing anything (the event is the log's). Only a decision
     * newer than what the tip holds is applied.
     *
     * @return whether the tip took it; {@code false} for an unknown tip or an older decision
     */
    public Mono<Boolean> restore(TipDecided decided) {
        return find(decided.tipId())
                .filter(tip -> tip.revision() < decided.revision())
                .flatMap(tip -> {
                    Submission submission = tip.submission();
                    Decision decision = new Decision(
                            decided.eventId().toString(),
                            decided.outcome(),
                            decided.headline(),
                            decided.body(),
                            new Decision.OriginalText(submission.headline(), submission.body()),
                            decided.reason(),
                            decided.decidedBy() == null ? "unknown" : decided.decidedBy(),
                            decided.decidedAt(),
                            decided.reasonCode(),
                            decided.photos(),
                            decided.duplicateOf(),
                            decided.note());
                    boolean held = decided.outcome() == TipDecided.Outcome.HELD;
                    return mongo.updateFirst(
                            query(where("_id").is(tip.tipId()).and(REVISION).lt(decided.revision())),
                            new Update()
                                    .set(STATE, held ? TipState.PENDING : TipState.DECIDED)
                                    .set("decision", decision)
                                    .set(REVISION, decided.revision())
                                    .unset(CLAIM)
                                    .push(
                                            HISTORY,
                                            new HistoryEntry(
                                                    held ? HistoryEntry.Kind.HELD : HistoryEntry.Kind.DECIDED,
                                                    decision.decidedBy(),
                                                    decision.decidedAt(),
                                                    decision.changes(),
                                                    summary(decision))),
                            ModeratedTip.class);
                })
                .map(result -> result.getModifiedCount() > 0)
                .defaultIfEmpty(false);
    }

    /** The event id was fixed with the decision, so the event is the same however often it is sent. */
    static TipDecided announcement(ModeratedTip tip, Decision decision, long revision) {
        return new TipDecided(
                UUID.fromString(decision.eventId()),
                TipDecided.SCHEMA_VERSION,
                decision.decidedAt(),
                tip.tipId(),
                revision,
                decision.outcome(),
                decision.headline(),
                decision.body(),
                tip.submission().area(),
                tip.submission().category(),
                decision.reason(),
                decision.decidedBy(),
                decision.decidedAt(),
                decision.reasonCode(),
                decision.photos(),
                decision.duplicateOf(),
                decision.note(),
                tip.submission().submittedAt());
    }
}
