package org.newsdesk.moderation.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.UUID;

import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
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
        Query olderOrAbsent = query(where("_id").is(tipId).and(SUBMISSION_REVISION).lt(submissionRevision));
        Update update = new Update()
                .set("submission", submission)
                .set(SUBMISSION_REVISION, submissionRevision)
                .setOnInsert(STATE, TipState.PENDING)
                .setOnInsert(REVISION, 1L)
                .setOnInsert("receivedAt", receivedAt);
        // No match means no tip yet (the upsert inserts it) or one holding this revision or a newer
        // one: then the insert collides with its _id, which is the answer "nothing to do".
        return mongo.upsert(olderOrAbsent, update, ModeratedTip.class)
                .map(result -> result.getUpsertedId() != null)
                .onErrorResume(DuplicateKeyException.class, alreadyThere -> Mono.just(false));
    }

    public Mono<ModeratedTip> find(String tipId) {
        return mongo.findById(tipId, ModeratedTip.class);
    }

    /** Undecided tips, the longest-waiting first. */
    public Flux<ModeratedTip> pending(int limit) {
        Query pending = query(where(STATE).is(TipState.PENDING))
                .with(Sort.by(Sort.Order.asc(SUBMITTED_AT), Sort.Order.asc("_id")))
                .limit(limit);
        return mongo.find(pending, ModeratedTip.class);
    }

    /**
     * Records the decision if, and only if, the tip is still pending and still at the revision the
     * moderator saw, in one atomic write that also puts the {@code TipDecided} into the tip's
     * outbox. Of several moderators deciding at once, exactly one gets the tip back.
     *
     * @return the decided tip, or empty if the tip changed or was decided meanwhile
     */
    public Mono<ModeratedTip> decide(ModeratedTip pending, Decision decision) {
        long revision = pending.revision() + 1;
        Query unchanged = query(where("_id").is(pending.tipId())
                .and(STATE).is(TipState.PENDING)
                .and(REVISION).is(pending.revision()));
        Update decide = new Update()
                .set(STATE, TipState.DECIDED)
                .set("decision", decision)
                .set(REVISION, revision);
        Outbox.announce(decide, Topics.TIPS_DECIDED, announcement(pending, decision, revision));
        return mongo.findAndModify(unchanged, decide, FindAndModifyOptions.options().returnNew(true),
                ModeratedTip.class);
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
                    Decision decision = new Decision(decided.eventId().toString(), decided.outcome(),
                            decided.headline(), decided.body(),
                            new Decision.OriginalText(submission.headline(), submission.body()), decided.reason(),
                            decided.decidedBy() == null ? "unknown" : decided.decidedBy(), decided.decidedAt());
                    return mongo.updateFirst(query(where("_id").is(tip.tipId()).and(REVISION).lt(decided.revision())),
                            new Update().set(STATE, TipState.DECIDED).set("decision", decision)
                                    .set(REVISION, decided.revision()),
                            ModeratedTip.class);
                })
                .map(result -> result.getModifiedCount() > 0)
                .defaultIfEmpty(false);
    }

    /** The event id was fixed with the decision, so the event is the same however often it is sent. */
    static TipDecided announcement(ModeratedTip tip, Decision decision, long revision) {
        return new TipDecided(UUID.fromString(decision.eventId()), TipDecided.SCHEMA_VERSION, decision.decidedAt(),
                tip.tipId(), revision, decision.outcome(), decision.headline(), decision.body(),
                tip.submission().area(), tip.submission().category(), decision.reason(), decision.decidedBy(),
                decision.decidedAt());
    }
}
