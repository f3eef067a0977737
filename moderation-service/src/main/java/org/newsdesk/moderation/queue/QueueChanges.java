package org.newsdesk.moderation.queue;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.newsdesk.moderation.ModerationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Every change to the queue (a tip arrived, was claimed, released, held or decided) as a numbered
 * entry in MongoDB, so that every instance of the service sees every change, whichever instance
 * made it. Numbers come from a counter document ({@code $inc} in one findAndModify), so they are
 * unique and ordered across instances; the number is the live feed's event id, which lets a
 * browser that reconnects say where it stopped. Each instance polls for numbers beyond the last it
 * saw (works on real MongoDB and on mongo-java-server alike, unlike change streams) and wakes the
 * browsers connected to it, which then read what they missed by number.
 *
 * <p>The change is written after the tip's own write, not with it: a crash between the two loses
 * the notice, not the change, and the next notice or reconnect shows the queue as it is.
 */
@Component
public class QueueChanges implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueueChanges.class);

    /** Changes kept for browsers that reconnect; older ones are trimmed now and then. */
    private static final long KEPT = 10_000;

    private final ReactiveMongoOperations mongo;
    private final Duration pollEvery;
    private final Sinks.Many<Long> newest = Sinks.many().multicast().directBestEffort();
    private final AtomicLong seen = new AtomicLong(-1);
    private Disposable polling;

    QueueChanges(ReactiveMongoOperations mongo, ModerationProperties settings) {
        this.mongo = mongo;
        this.pollEvery = settings.live().pollInterval();
    }

    /** One change to one tip; {@code seq} orders it among all changes. */
    @Document("queueChanges")
    record Change(@Id long seq, String tipId, String kind, Instant at) {}

    /** The number of the last change handed out; one document in the collection of counters. */
    @Document("counters")
    record Counter(@Id String name, long seq) {

        static final String QUEUE_CHANGES = "queueChanges";
    }

    /** Told of this instance's own changes as they are recorded, before the caller goes on. */
    private volatile Function<Collection<String>, Mono<Void>> localListener = tipIds -> Mono.empty();

    void onLocalChange(Function<Collection<String>, Mono<Void>> listener) {
        this.localListener = listener;
    }

    /** Records a change; never fails the caller's work, which is done already. */
    public Mono<Void> record(String tipId, String kind) {
        return record(List.of(tipId), kind);
    }

    /**
     * Records the same change to several tips, numbered in their order, in two commands however
     * many they are (the counter moves on by all of them at once); never fails the caller's work.
     */
    public Mono<Void> record(List<String> tipIds, String kind) {
        if (tipIds.isEmpty()) {
            return Mono.empty();
        }
        return store(tipIds, kind)
                .then(Mono.defer(() -> localListener.apply(tipIds)).onErrorComplete());
    }

    private Mono<Void> store(List<String> tipIds, String kind) {
        return mongo.findAndModify(
                        query(where("_id").is(Counter.QUEUE_CHANGES)),
                        new Update().inc("seq", (long) tipIds.size()),
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Counter.class)
                .flatMapMany(counter -> {
                    long first = counter.seq() - tipIds.size() + 1;
                    Instant now = Instant.now();
                    List<Change> numbered = new ArrayList<>(tipIds.size());
                    for (int i = 0; i < tipIds.size(); i++) {
                        numbered.add(new Change(first + i, tipIds.get(i), kind, now));
                    }
                    return mongo.insertAll(numbered);
                })
                .doOnError(error -> log.warn(
                        "Could not record a queue change for {} tip(s), the first {}: {}",
                        tipIds.size(),
                        tipIds.get(0),
                        error.getClass().getName()))
                .onErrorComplete()
                .then();
    }

    /** The changes after {@code seq}, oldest first, at most {@code limit}. */
    Flux<Change> after(long seq, int limit) {
        Query after = query(where("_id").gt(seq))
                .with(Sort.by(Sort.Direction.ASC, "_id"))
                .limit(limit);
        return mongo.find(after, Change.class);
    }

    /** The number of the newest change, or 0 while there is none. */
    Mono<Long> newest() {
        return mongo.findOne(
                        new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1), Change.class)
                .map(Change::seq)
                .defaultIfEmpty(0L);
    }

    /** Wakes a subscriber whenever a newer change exists, with its number; hot, shared by every browser. */
    Flux<Long> wakeUps() {
        return newest.asFlux();
    }

    @Override
    public void run(ApplicationArguments args) {
        polling = Flux.interval(pollEvery)
                .onBackpressureDrop()
                .concatMap(tick -> newestNumber()
                        .flatMap(seq -> {
                            if (tick % 7_200 == 0 && seq > KEPT) {
                                mongo.remove(query(where("_id").lt(seq - KEPT)), Change.class)
                                        .subscribe();
                            }
                            return seq > seen.get() ? wake(seq) : Mono.<Void>empty();
                        })
                        .onErrorResume(error -> {
                            log.debug(
                                    "Polling the queue changes failed: {}",
                                    error.getClass().getName());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    /**
     * The number the counter handed out last: a read by id, where {@link #newest()} sorts the
     * changes kept (up to {@value #KEPT}, read whole twice a second on a store without indexes).
     */
    private Mono<Long> newestNumber() {
        return mongo.findById(Counter.QUEUE_CHANGES, Counter.class).map(Counter::seq);
    }

    /**
     * Wakes the subscribers, and counts the number as seen once its change is stored: a number is
     * handed out just before its change is written, and until then the next poll wakes them again.
     */
    private Mono<Void> wake(long seq) {
        newest.tryEmitNext(seq);
        return mongo.exists(query(where("_id").is(seq)), Change.class)
                .doOnNext(stored -> {
                    if (stored) {
                        seen.accumulateAndGet(seq, Math::max);
                    }
                })
                .then();
    }

    @Override
    public void destroy() {
        if (polling != null) {
            polling.dispose();
        }
    }
}
