package org.newsdesk.moderation.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;

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
 * and nothing needs a transaction.
 */
@Component
public class ModeratedTips {

    static final String STATE = "state";
    static final String SUBMITTED_AT = "submission.submittedAt";
    static final String DECIDED_AT = "decision.decidedAt";
    static final String DECISION_ANNOUNCED = "decisionAnnounced";

    private final ReactiveMongoOperations mongo;

    ModeratedTips(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Adds a tip to the queue unless it is already known. Everything is set only on insert, so a
     * redelivered event changes nothing, not even a tip that was decided in the meantime.
     *
     * @return {@code true} if the tip is new, {@code false} if it was already there
     */
    public Mono<Boolean> receive(String tipId, Submission submission, Instant receivedAt) {
        Update insertOnly = new Update()
                .setOnInsert("submission", submission)
                .setOnInsert(STATE, TipState.PENDING)
                .setOnInsert(DECISION_ANNOUNCED, false)
                .setOnInsert("receivedAt", receivedAt);
        return mongo.upsert(byId(tipId), insertOnly, ModeratedTip.class)
                .map(result -> result.getUpsertedId() != null)
                // Two upserts of the same new id can race on a real MongoDB; the loser lost to the same tip.
                .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.just(false));
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
     * Records the decision if, and only if, the tip is still pending, in one atomic write that
     * also flags the decision as not yet announced. Of several moderators deciding at once,
     * exactly one gets the tip back; the others get nothing.
     *
     * @return the decided tip, or empty if the tip does not exist or was already decided
     */
    public Mono<ModeratedTip> decide(String tipId, Decision decision) {
        Query stillPending = query(where("_id").is(tipId).and(STATE).is(TipState.PENDING));
        Update decide = new Update()
                .set(STATE, TipState.DECIDED)
                .set("decision", decision)
                .set(DECISION_ANNOUNCED, false);
        return mongo.findAndModify(stillPending, decide, FindAndModifyOptions.options().returnNew(true),
                ModeratedTip.class);
    }

    /** Decided tips whose announcement Kafka has not acknowledged, oldest decision first. */
    public Flux<ModeratedTip> unannouncedDecidedBefore(Instant cutoff, int limit) {
        Query unannounced = query(where(STATE).is(TipState.DECIDED)
                .and(DECISION_ANNOUNCED).is(false)
                .and(DECIDED_AT).lt(cutoff))
                .with(Sort.by(Sort.Order.asc(DECIDED_AT)))
                .limit(limit);
        return mongo.find(unannounced, ModeratedTip.class);
    }

    public Mono<Void> markAnnounced(String tipId) {
        return mongo.updateFirst(query(where("_id").is(tipId).and(DECISION_ANNOUNCED).is(false)),
                        new Update().set(DECISION_ANNOUNCED, true), ModeratedTip.class)
                .then();
    }

    private static Query byId(String tipId) {
        return query(where("_id").is(tipId));
    }
}
