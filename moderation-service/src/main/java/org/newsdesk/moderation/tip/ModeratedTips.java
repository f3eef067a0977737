package org.newsdesk.moderation.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.messaging.tracing.TraceParent;
import org.newsdesk.moderation.record.Act;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
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
    static final String DECISION_OUTCOME = "decision.outcome";
    static final String CORRECTIONS = "corrections";
    static final String RETRACTION = "retraction";
    static final String WITHDRAWAL = "withdrawal";
    static final String ERASURE = "erasure";
    static final String CONTACT = "submission.contact";
    static final String SEALED_CONTACT = "submission.sealedContact";
    static final String STORY = "story";
    static final String STORY_REVISION = "story.revision";

    private static final FindAndModifyOptions RETURN_NEW =
            FindAndModifyOptions.options().returnNew(true);

    private final ReactiveMongoOperations mongo;
    private final EditorialRecordRelay record;
    private final TipsByDay days;

    ModeratedTips(ReactiveMongoOperations mongo, EditorialRecordRelay record, TipsByDay days) {
        this.mongo = mongo;
        this.record = record;
        this.days = days;
    }

    /**
     * A tip as it reaches the moderators: the resident's submission at one revision.
     *
     * @param trace the trace the resident's tip was sent in; null when untraced
     */
    public record Arrival(
            String tipId,
            Submission submission,
            long submissionRevision,
            @Nullable TraceParent trace) {}

    /** A stored tip read for the revision of its submission, nothing else. */
    @Document(ModeratedTip.COLLECTION)
    record HeldRevision(@Id String tipId, long submissionRevision) {}

    /**
     * Adds tips to the queue, or brings a tip's submission up to date when the revision arriving is
     * newer than the one held. An older or repeated revision changes nothing, and neither the
     * moderators' state nor the decision is ever touched here. Of several revisions of one tip the
     * newest counts, as if they had come one after another.
     *
     * <p>However many arrive together, they cost the same few commands: their days, one read by id
     * of those already stored, one insert of the new ones; only a newer revision of a stored tip (a
     * resident's edit, rare) is a write of its own. One command per tip, as each was once, left the
     * intake behind the residents whenever the store was busy with their tips.
     *
     * @return the ids of the tips that are new
     */
    public Mono<Set<String>> receive(Collection<Arrival> arrivals, Instant receivedAt) {
        Map<String, Arrival> newest = arrivals.stream()
                .collect(Collectors.toMap(
                        Arrival::tipId,
                        arrival -> arrival,
                        (one, other) -> one.submissionRevision() >= other.submissionRevision() ? one : other,
                        LinkedHashMap::new));
        if (newest.isEmpty()) {
            return Mono.just(Set.of());
        }
        Map<String, Instant> sentAt = new LinkedHashMap<>();
        newest.values()
                .forEach(arrival ->
                        sentAt.put(arrival.tipId(), arrival.submission().submittedAt()));
        // Their days first: a day naming a tip not yet stored is harmless, a stored tip missing from its day is not.
        return days.note(sentAt).then(Mono.defer(() -> store(newest, receivedAt, true)));
    }

    /** As {@link #receive(Collection, Instant)}, for one tip: {@code true} if it is new. */
    public Mono<Boolean> receive(String tipId, Submission submission, long submissionRevision, Instant receivedAt) {
        return receive(List.of(new Arrival(tipId, submission, submissionRevision, null)), receivedAt)
                .map(added -> added.contains(tipId));
    }

    private Mono<Set<String>> store(Map<String, Arrival> arrivals, Instant receivedAt, boolean mayReadAgain) {
        Query stored = query(where("_id").in(arrivals.keySet()));
        stored.fields().include("_id", SUBMISSION_REVISION);
        return mongo.find(stored, HeldRevision.class)
                .collectMap(HeldRevision::tipId, HeldRevision::submissionRevision)
                .flatMap(held -> {
                    List<ModeratedTip> added = new ArrayList<>();
                    List<Arrival> newer = new ArrayList<>();
                    for (Arrival arrival : arrivals.values()) {
                        Long revision = held.get(arrival.tipId());
                        if (revision == null) {
                            added.add(ModeratedTip.pending(
                                    arrival.tipId(),
                                    arrival.submission(),
                                    arrival.submissionRevision(),
                                    receivedAt,
                                    arrival.trace()));
                        } else if (revision < arrival.submissionRevision()) {
                            newer.add(arrival);
                        }
                    }
                    Mono<Set<String>> inserted = added.isEmpty()
                            ? Mono.just(Set.of())
                            : mongo.insertAll(added)
                                    .map(ModeratedTip::tipId)
                                    .collect(Collectors.toSet())
                                    // Stored meanwhile by someone else (another instance, in a
                                    // rebalance): read again, and those are tips already there.
                                    .onErrorResume(
                                            DuplicateKeyException.class,
                                            meanwhile -> mayReadAgain
                                                    ? store(only(arrivals, added), receivedAt, false)
                                                    : Mono.error(meanwhile));
                    return Flux.fromIterable(newer).concatMap(this::update).then(inserted);
                });
    }

    /** A newer revision of a stored tip's submission; a newer one stored meanwhile stays. */
    private Mono<Void> update(Arrival newer) {
        return mongo.updateFirst(
                        query(where("_id")
                                .is(newer.tipId())
                                .and(SUBMISSION_REVISION)
                                .lt(newer.submissionRevision())),
                        new Update()
                                .set("submission", newer.submission())
                                .set(SUBMISSION_REVISION, newer.submissionRevision()),
                        ModeratedTip.class)
                .then();
    }

    private static Map<String, Arrival> only(Map<String, Arrival> arrivals, List<ModeratedTip> tips) {
        Map<String, Arrival> these = new LinkedHashMap<>();
        tips.forEach(tip -> these.put(tip.tipId(), arrivals.get(tip.tipId())));
        return these;
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
        pending.fields().include("_id", SUBMITTED_AT, AREA, CATEGORY, DECISION_OUTCOME);
        return mongo.find(pending, QueueEntry.Placed.class).map(QueueEntry::of);
    }

    /**
     * The tips another one may repeat: those waiting (or on hold) and the live stories, sent between
     * {@code from} and {@code to}, the newest first, at most {@code limit} of them and without their
     * histories. A bounded read for scoring in memory, since the embedded store has no text search:
     * the days of the window ({@link TipsByDay}) name the tips sent in it, which are then read by id,
     * so its cost follows the window, not the archive.
     */
    public Flux<ModeratedTip> waitingOrLiveSentBetween(Instant from, Instant to, int limit) {
        return days.sentBetween(from, to)
                .map(TipsByDay.Sent::tipId)
                .buffer(limit)
                .concatMap(
                        tipIds -> {
                            Query byId = query(where("_id").in(tipIds));
                            byId.fields().exclude(HISTORY);
                            return mongo.find(byId, ModeratedTip.class)
                                    .filter(ModeratedTips::waitingOrLive)
                                    .sort(Comparator.comparing((ModeratedTip tip) ->
                                                    tip.submission().submittedAt())
                                            .thenComparing(ModeratedTip::tipId)
                                            .reversed());
                        },
                        0)
                .take(limit);
    }

    private static boolean waitingOrLive(ModeratedTip tip) {
        return tip.state() == TipState.PENDING
                || tip.state() == TipState.DECIDED
                        && tip.decision() != null
                        && tip.decision().outcome() == TipDecided.Outcome.APPROVED
                        && tip.retraction() == null;
    }

    /**
     * Keeps where readers find the tip's story, as publishing announced it: only an announcement
     * newer than the one kept changes it, so a redelivered or older one changes nothing.
     *
     * @return whether the tip took it; {@code false} for an unknown tip or an older announcement
     */
    public Mono<Boolean> storyPublished(String tipId, StoryLink story) {
        Query olderOrNone = query(where("_id")
                .is(tipId)
                .orOperator(where(STORY).is(null), where(STORY_REVISION).lt(story.revision())));
        return mongo.updateFirst(olderOrNone, new Update().set(STORY, story), ModeratedTip.class)
                .map(result -> result.getModifiedCount() > 0);
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
                .switchIfEmpty(Mono.defer(() -> writeOnRecord(
                        free,
                        take,
                        PendingAct.of(now, moderator, Act.CLAIMED, "Claimed the tip to work on it", null))));
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
        return writeOnRecord(
                ownClaim, release, PendingAct.of(now, moderator, Act.RELEASED, "Released the tip for others", null));
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
                summary(decision),
                decision.eventId()));
        Update decide = new Update()
                .set(STATE, held ? TipState.PENDING : TipState.DECIDED)
                .set("decision", decision)
                .set(REVISION, revision)
                .unset(CLAIM);
        decide.push(HISTORY).each(entries.toArray());
        List<PendingAct> acts = new ArrayList<>(2);
        if (!decision.changes().isEmpty()) {
            acts.add(PendingAct.of(
                    decision.decidedAt(), decision.decidedBy(), Act.EDITED, edited(decision.changes()), null));
        }
        acts.add(PendingAct.of(
                decision.decidedAt(),
                decision.decidedBy(),
                held ? Act.HELD : Act.DECIDED,
                summary(decision),
                decision.eventId()));
        // The tip's trace, not the moderator's request: one trace follows the tip from the resident to its story.
        Outbox.announce(
                decide,
                Topics.TIPS_DECIDED,
                TraceParent.of(pending.traceParent()),
                announcement(pending, decision, revision));
        return writeOnRecord(unchanged, decide, acts.toArray(PendingAct[]::new));
    }

    /**
     * Corrects the published story if, and only if, it is still published, not withdrawn and at
     * the revision the editor saw, in one write that sets the new text as a correction (the
     * decision keeps the text as first published), appends the history, bumps the revision and
     * puts the {@code StoryCorrected} into the tip's outbox and the act on record.
     *
     * @return the corrected tip, or empty if the tip is not a live story or changed meanwhile
     */
    public Mono<ModeratedTip> correct(ModeratedTip story, Correction correction) {
        Update correct = new Update()
                .push(CORRECTIONS, correction)
                .set(REVISION, correction.revision())
                .push(
                        HISTORY,
                        new HistoryEntry(
                                HistoryEntry.Kind.CORRECTED,
                                correction.correctedBy(),
                                correction.correctedAt(),
                                correction.changes(),
                                correction.note(),
                                correction.eventId()));
        PendingAct corrected = PendingAct.of(
                correction.correctedAt(),
                correction.correctedBy(),
                Act.CORRECTED,
                (correction.changes().isEmpty()
                                ? "Added a public note without changing the text"
                                : edited(correction.changes()))
                        + ". Public note: " + correction.note(),
                correction.eventId());
        Outbox.announce(
                correct,
                Topics.TIPS_DECIDED,
                new StoryCorrected(
                        UUID.fromString(correction.eventId()),
                        StoryCorrected.SCHEMA_VERSION,
                        correction.correctedAt(),
                        story.tipId(),
                        correction.revision(),
                        correction.headline(),
                        correction.body(),
                        correction.note(),
                        correction.correctedBy(),
                        correction.correctedAt()));
        return writeOnRecord(liveAt(story), correct, corrected);
    }

    /**
     * Withdraws the published story if, and only if, it is still published, not withdrawn and at
     * the revision the editor saw, in one write with its history entry, the {@code StoryRetracted}
     * in the outbox and the act on record.
     *
     * @return the withdrawn tip, or empty if the tip is not a live story or changed meanwhile
     */
    public Mono<ModeratedTip> retract(ModeratedTip story, Retraction retraction) {
        Update retract = new Update()
                .set(RETRACTION, retraction)
                .set(REVISION, retraction.revision())
                .push(
                        HISTORY,
                        new HistoryEntry(
                                HistoryEntry.Kind.RETRACTED,
                                retraction.retractedBy(),
                                retraction.retractedAt(),
                                List.of(),
                                retraction.reason(),
                                retraction.eventId()));
        PendingAct retracted = PendingAct.of(
                retraction.retractedAt(),
                retraction.retractedBy(),
                Act.RETRACTED,
                "Withdrew the story from readers. Public reason: " + retraction.reason(),
                retraction.eventId());
        Outbox.announce(
                retract,
                Topics.TIPS_DECIDED,
                new StoryRetracted(
                        UUID.fromString(retraction.eventId()),
                        StoryRetracted.SCHEMA_VERSION,
                        retraction.retractedAt(),
                        story.tipId(),
                        retraction.revision(),
                        retraction.reason(),
                        retraction.retractedBy(),
                        retraction.retractedAt()));
        return writeOnRecord(liveAt(story), retract, retracted);
    }

    /** What the resident's withdrawal did to a tip. */
    public enum WithdrawalOutcome {
        /** It was not decided yet: it is withdrawn now. */
        WITHDRAWN,
        /** It was decided already: the decision stands, the history notes the late request. */
        TOO_LATE,
        /** Nothing: the withdrawal was applied before (a redelivery, a replay), or the tip is unknown. */
        NOTHING
    }

    /**
     * The resident withdraws the tip. Not decided yet (waiting, held or claimed): it becomes
     * WITHDRAWN, leaves the queue and its claim ends. Decided already: the decision stands and the
     * history notes that the resident asked too late. One conditional write either way, which a
     * decision racing with it cannot interleave with (both need the tip's state as they read it),
     * and applied once: a tip that holds a withdrawal takes no other.
     *
     * @param submissionRevision the withdrawal's revision in the resident's sequence: an older copy of
     *                           the submission can no longer overwrite the tip afterwards
     */
    public Mono<WithdrawalOutcome> withdraw(
            String tipId, long submissionRevision, Instant withdrawnAt, String eventId) {
        Query undecided = query(where("_id")
                .is(tipId)
                .and(STATE)
                .is(TipState.PENDING)
                .and(WITHDRAWAL)
                .is(null));
        Update withdraw = new Update()
                .set(STATE, TipState.WITHDRAWN)
                .set(WITHDRAWAL, new Withdrawal(withdrawnAt, false))
                .unset(CLAIM)
                .max(SUBMISSION_REVISION, submissionRevision)
                .push(
                        HISTORY,
                        new HistoryEntry(
                                HistoryEntry.Kind.WITHDRAWN,
                                HistoryEntry.RESIDENT,
                                withdrawnAt,
                                List.of(),
                                "Withdrawn before anyone decided it",
                                eventId));
        Query decided = query(where("_id")
                .is(tipId)
                .and(STATE)
                .is(TipState.DECIDED)
                .and(WITHDRAWAL)
                .is(null));
        Update tooLate = new Update()
                .set(WITHDRAWAL, new Withdrawal(withdrawnAt, true))
                .max(SUBMISSION_REVISION, submissionRevision)
                .push(
                        HISTORY,
                        new HistoryEntry(
                                HistoryEntry.Kind.WITHDRAWAL_TOO_LATE,
                                HistoryEntry.RESIDENT,
                                withdrawnAt,
                                List.of(),
                                "Asked for after the tip was decided; the decision stands",
                                eventId));
        return mongo.updateFirst(undecided, withdraw, ModeratedTip.class)
                .flatMap(result -> result.getModifiedCount() > 0
                        ? Mono.just(WithdrawalOutcome.WITHDRAWN)
                        : mongo.updateFirst(decided, tooLate, ModeratedTip.class)
                                .map(late -> late.getModifiedCount() > 0
                                        ? WithdrawalOutcome.TOO_LATE
                                        : WithdrawalOutcome.NOTHING));
    }

    /**
     * Drops the resident's contact details from the tip, sealed and (for old tips) in clear, in one
     * write with the history entry saying who erased them and when; once: a tip that holds an
     * erasure takes no other. The tip and its story otherwise stay as they are.
     *
     * @return whether this call erased them; {@code false} when they were erased before or the tip is unknown
     */
    public Mono<Boolean> eraseContact(String tipId, long submissionRevision, ContactErasure erasure, String eventId) {
        boolean byResident = erasure.cause() == ContactErased.Cause.RESIDENT;
        String why = (byResident
                        ? "Contact details erased at the resident's request"
                        : "Contact details erased: the retention period ran out")
                + (erasure.photosErased() ? "; the photos as received that no story uses went with them" : "");
        Update erase = new Update()
                .unset(CONTACT)
                .unset(SEALED_CONTACT)
                .set(ERASURE, erasure)
                .max(SUBMISSION_REVISION, submissionRevision)
                .push(
                        HISTORY,
                        new HistoryEntry(
                                HistoryEntry.Kind.CONTACT_ERASED,
                                byResident ? HistoryEntry.RESIDENT : HistoryEntry.RETENTION,
                                erasure.at(),
                                List.of(),
                                why,
                                eventId));
        return mongo.updateFirst(query(where("_id").is(tipId).and(ERASURE).is(null)), erase, ModeratedTip.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /**
     * Puts on the tip's history, and on the editorial record, that {@code moderator} was shown the
     * resident's contact details: one conditional write, made only while the tip still keeps them.
     *
     * @return the tip with the showing on its history; empty when the tip keeps no contact details
     *         (anonymous, or erased meanwhile), and then they must not be shown
     */
    public Mono<ModeratedTip> contactShown(String tipId, String moderator, Instant at) {
        Query keepsThem = query(where("_id")
                .is(tipId)
                .and(ERASURE)
                .is(null)
                .orOperator(where(SEALED_CONTACT).ne(null), where(CONTACT).ne(null)));
        Update shown = new Update()
                .push(HISTORY, new HistoryEntry(HistoryEntry.Kind.CONTACT_SHOWN, moderator, at, List.of(), null));
        return writeOnRecord(
                keepsThem,
                shown,
                PendingAct.of(at, moderator, Act.CONTACT_SHOWN, "Saw the resident's contact details", null));
    }

    /** The story as the editor saw it: approved, not withdrawn, and at the same revision. */
    private static Query liveAt(ModeratedTip story) {
        return query(where("_id")
                .is(story.tipId())
                .and(STATE)
                .is(TipState.DECIDED)
                .and(DECISION_OUTCOME)
                .is(TipDecided.Outcome.APPROVED)
                .and(RETRACTION)
                .is(null)
                .and(REVISION)
                .is(story.revision()));
    }

    /**
     * Makes the change with the acts it records put on the tip in the same write, then moves those
     * acts to the editorial record before answering, if it can: the write is what makes them
     * certain, and the relay needs no read to know them.
     *
     * @return the changed tip, or empty when {@code tip} matched none
     */
    private Mono<ModeratedTip> writeOnRecord(Query tip, Update change, PendingAct... acts) {
        change.push(EditorialRecordRelay.PENDING).each((Object[]) acts);
        return mongo.findAndModify(tip, change, RETURN_NEW, ModeratedTip.class)
                .flatMap(written ->
                        record.relayQuietly(written.tipId(), List.of(acts)).thenReturn(written));
    }

    /** What an edit did, in a line an editor reads: the headline's words, the story's length. */
    static String edited(List<HistoryEntry.Change> changes) {
        List<String> parts = new ArrayList<>(2);
        for (HistoryEntry.Change change : changes) {
            if (change.field().equals("headline")) {
                parts.add("changed the headline from \u201c" + change.before() + "\u201d to \u201c" + change.after()
                        + "\u201d");
            } else {
                parts.add("changed the story ("
                        + (change.before() == null ? 0 : change.before().length()) + " to "
                        + (change.after() == null ? 0 : change.after().length()) + " characters)");
            }
        }
        String line = String.join(" and ", parts);
        return Character.toUpperCase(line.charAt(0)) + line.substring(1);
    }

    /** What the history says about why: the outcome, and the reason, note or original it names. */
    private static String summary(Decision decision) {
        return switch (decision.outcome()) {
            case APPROVED ->
                HistoryEntry.APPROVED
                        + (decision.photos().isEmpty()
                                ? ""
                                : " with " + decision.photos().size()
                                        + (decision.photos().size() == 1 ? " photo" : " photos"));
            case REJECTED -> HistoryEntry.DECLINED + decision.reason();
            case HELD -> HistoryEntry.HELD_PREFIX + decision.note();
            case DUPLICATE -> HistoryEntry.DUPLICATE + decision.duplicateOf();
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
                                                    summary(decision),
                                                    decision.eventId())),
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
