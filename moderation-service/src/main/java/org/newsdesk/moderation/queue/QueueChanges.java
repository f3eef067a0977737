package org.newsdesk.moderation.queue;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
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

    static final String COLLECTION = "queueChanges";
    static final String COUNTERS = "counters";

    private static final Logger log = LoggerFactory.getLogger(QueueChanges.class);

    /** Changes kept for browsers that reconnect; older ones are trimmed now and then. */
    private static final long KEPT = 10_000;

    private final ReactiveMongoOperations mongo;
    private final Duration pollEvery;
    private final Sinks.Many<Long> newest = Sinks.many().multicast().directBestEffort();
    private final AtomicLong seen = new AtomicLong(-1);
    private Disposable polling;

    QueueChanges(ReactiveMongoOperations mongo,
            @Value("${newsdesk.moderation.live.poll-interval:500ms}") Duration pollEvery) {
        this.mongo = mongo;
        this.pollEvery = pollEvery;
    }

    /** One change to one tip; {@code seq} orders it among all changes. */
    public record Change(long seq, String tipId, String kind, Instant at) {
    }

    /** Told of this instance's own changes as they are recorded, before the caller goes on. */
    private volatile Function<String, Mono<Void>> localListener = tipId -> Mono.empty();

    void onLocalChange(Function<String, Mono<Void>> listener) {
        this.localListener = listener;
    }

    /** Records a change; never fails the caller's work, which is done already. */
    public Mono<Void> record(String tipId, String kind) {
        return store(tipId, kind).then(Mono.defer(() -> localListener.apply(tipId)).onErrorComplete());
    }

    private Mono<Void> store(String tipId, String kind) {
        return mongo.findAndModify(query(where("_id").is(COLLECTION)), new Update().inc("seq", 1L),
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COUNTERS)
                .map(counter -> ((Number) counter.get("seq")).longValue())
                .flatMap(seq -> mongo.insert(new Document("_id", seq).append("tipId", tipId).append("kind", kind)
                        .append("at", Date.from(Instant.now())), COLLECTION))
                .doOnError(error -> log.warn("Could not record a queue change for tip {}: {}", tipId, error.toString()))
                .onErrorComplete()
                .then();
    }

    /** The changes after {@code seq}, oldest first, at most {@code limit}. */
    public Flux<Change> after(long seq, int limit) {
        Query after = query(where("_id").gt(seq)).with(Sort.by(Sort.Direction.ASC, "_id")).limit(limit);
        return mongo.find(after, Document.class, COLLECTION).map(QueueChanges::change);
    }

    /** The number of the newest change, or 0 while there is none. */
    public Mono<Long> newest() {
        return mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1), Document.class, COLLECTION)
                .map(document -> ((Number) document.get("_id")).longValue())
                .defaultIfEmpty(0L);
    }

    /** Wakes a subscriber whenever a newer change exists, with its number; hot, shared by every browser. */
    public Flux<Long> wakeUps() {
        return newest.asFlux();
    }

    @Override
    public void run(ApplicationArguments args) {
        polling = Flux.interval(pollEvery)
                .onBackpressureDrop()
                .concatMap(tick -> newest()
                        .doOnNext(seq -> {
                            if (seq > seen.getAndSet(seq)) {
                                newest.tryEmitNext(seq);
                            }
                            if (tick % 7_200 == 0 && seq > KEPT) {
                                mongo.remove(query(where("_id").lt(seq - KEPT)), COLLECTION).subscribe();
                            }
                        })
                        .onErrorResume(error -> {
                            log.debug("Polling the queue changes failed: {}", error.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void destroy() {
        if (polling != null) {
            polling.dispose();
        }
    }

    private static Change change(Document document) {
        Object at = document.get("at");
        return new Change(((Number) document.get("_id")).longValue(), document.getString("tipId"),
                document.getString("kind"), at instanceof Date date ? date.toInstant() : null);
    }
}
