package org.newsdesk.moderation.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.List;
import org.newsdesk.moderation.record.EditorialRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Moves the acts a tip write recorded ({@link PendingAct}) into the editorial record, as the outbox
 * relay moves events to Kafka: right after the write; a tip whose move failed (a MongoDB hiccup) is
 * tried again by itself, backing off to once a minute until it goes; and what a crash left behind
 * is found by one sweep at start. No periodic sweep: where MongoDB uses no secondary index (the
 * embedded store) it would read every tip each time. An act is on the tip from the moment its
 * change is stored, so it cannot be lost; it is inserted into the record under its own id before it
 * leaves the tip, so a repeat finds it there and the record keeps one line.
 */
@Component
public class EditorialRecordRelay implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EditorialRecordRelay.class);

    static final String PENDING = "recordPending";
    /** What the sweep asks for: real MongoDB answers it from a sparse index of the few tips with acts waiting. */
    static final String PENDING_ACT_IDS = PENDING + ".actId";

    private static final Retry UNTIL_IT_GOES =
            Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1));

    private final ReactiveMongoOperations mongo;
    private final EditorialRecord record;
    /** The start-up sweep and the retries of tips whose move failed, stopped with the service. */
    private final Disposable.Composite background = Disposables.composite();

    EditorialRecordRelay(ReactiveMongoOperations mongo, EditorialRecord record) {
        this.mongo = mongo;
        this.record = record;
    }

    /** The pending acts of one tip, without the rest of it. */
    @Document(ModeratedTip.COLLECTION)
    record Pending(@Id String tipId, List<PendingAct> recordPending) {

        Pending {
            recordPending = recordPending == null ? List.of() : recordPending;
        }
    }

    /** Records the tip's pending acts, oldest first, and then takes them off the tip. */
    public Mono<Void> relay(String tipId) {
        Query tip = query(where("_id").is(tipId).and(PENDING).exists(true));
        tip.fields().include("_id", PENDING);
        return mongo.findOne(tip, Pending.class).flatMap(pending -> relay(tipId, pending.recordPending()));
    }

    /**
     * Records these of the tip's pending acts, known from the write that put them there, and then
     * takes them off the tip: in one write when they are all it holds (as after nearly every write),
     * else in two, the second removing what the first emptied.
     */
    Mono<Void> relay(String tipId, List<PendingAct> acts) {
        List<String> ids = acts.stream().map(PendingAct::actId).toList();
        Query holdingJustThese = query(where("_id")
                .is(tipId)
                .and(PENDING)
                .size(ids.size())
                .and(PENDING_ACT_IDS)
                .all(ids));
        return Flux.fromIterable(acts)
                .concatMap(act -> record.append(act.on(tipId)))
                .then(mongo.updateFirst(holdingJustThese, new Update().unset(PENDING), ModeratedTip.class))
                .flatMap(unset -> unset.getMatchedCount() > 0
                        ? Mono.empty()
                        : mongo.updateFirst(
                                        query(where("_id").is(tipId)),
                                        new Update()
                                                .pull(
                                                        PENDING,
                                                        query(where("actId").in(ids))),
                                        ModeratedTip.class)
                                // What the pull emptied goes, so the sweep's query finds only tips with acts waiting.
                                .then(mongo.updateFirst(
                                        query(where("_id")
                                                .is(tipId)
                                                .and(PENDING)
                                                .size(0)),
                                        new Update().unset(PENDING),
                                        ModeratedTip.class)))
                .then();
    }

    /**
     * As {@link #relay(String, List)}, for a caller whose answer does not depend on it: after a
     * failure the tip is tried again in the background until its acts are recorded.
     */
    Mono<Void> relayQuietly(String tipId, List<PendingAct> acts) {
        return relay(tipId, acts).onErrorResume(error -> retryInBackground(tipId, error));
    }

    private Mono<Void> relayQuietly(String tipId) {
        return relay(tipId).onErrorResume(error -> retryInBackground(tipId, error));
    }

    private Mono<Void> retryInBackground(String tipId, Throwable error) {
        log.warn(
                "Could not move tip {}'s acts to the editorial record yet; trying again: {}",
                tipId,
                error.getClass().getName());
        background.add(relay(tipId).retryWhen(UNTIL_IT_GOES).subscribe(null, stopped -> {}));
        return Mono.empty();
    }

    /** Records every act still waiting on any tip. */
    public Mono<Void> sweep() {
        Query waiting = query(where(PENDING_ACT_IDS).exists(true));
        waiting.fields().include("_id");
        return mongo.find(waiting, Pending.class)
                .map(Pending::tipId)
                .concatMap(this::relayQuietly)
                .then();
    }

    /** The acts a crash left on tips, once at start (until MongoDB answers). */
    @Override
    public void run(ApplicationArguments args) {
        background.add(sweep().doOnError(error -> log.warn(
                        "Could not sweep the acts waiting for the editorial record; trying again: {}",
                        error.getClass().getName()))
                .retryWhen(UNTIL_IT_GOES)
                .subscribe(null, stopped -> {}));
    }

    @Override
    public void destroy() {
        background.dispose();
    }
}
