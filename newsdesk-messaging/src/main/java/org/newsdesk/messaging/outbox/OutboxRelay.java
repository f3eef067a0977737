package org.newsdesk.messaging.outbox;

import static org.newsdesk.messaging.RecordMetadataLogging.describe;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.newsdesk.messaging.EventPublisher;
import org.newsdesk.messaging.TransientFailures;
import org.newsdesk.messaging.outage.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the events waiting in the outboxes of a service's records, one relay per service for all
 * its collections. This class keeps the schedule (relays on request, retries when they are due,
 * sweeps, the ticker that drives them); {@link RecordRelay} relays one record.
 *
 * <ul>
 * <li><b>Right after the write.</b> A service asks for a record to be relayed as soon as it stored
 * it; that is the normal path, and it reads nothing but that one record.
 * <li><b>In order per record.</b> A record's events go out oldest first, one at a time, and the
 * next one waits while an earlier one waits for a retry, so consumers see a tip's events in the
 * order they happened (they are keyed by tip id, so Kafka keeps that order).
 * <li><b>One sender per record.</b> The relay takes a lease on a record (one conditional write)
 * before it sends, so several instances of a service never send the same entry twice in normal
 * operation. A lease that outlived its instance simply expires, and a relay that found the record
 * taken tries it again at that moment. Consumers stay idempotent for the
 * rare duplicate: an instance that crashed after Kafka's acknowledgement but before removing the
 * entry sends it again.
 * <li><b>Outage versus poison.</b> When Kafka or MongoDB is unreachable the send is retried every
 * {@code outage-retry}, for as long as the outage lasts, and never counts against the entry. Any
 * other failure (an event Kafka refuses, a payload that no longer reads) is retried with a growing
 * back-off and, after {@code max-attempts}, the entry is parked: moved aside in the same record,
 * logged at ERROR, counted in a metric and shown in the health details. The entries behind it are
 * then sent, so one poisoned entry never stops the others.
 * <li><b>Sweeps are the recovery path.</b> Once at start-up and then every {@code sweep-interval},
 * the relay pages through the records that still have waiting events (what a crash or another
 * instance left behind). On a store without secondary indexes that query reads every record of a
 * collection, so it is rare; retries of known records do not sweep, they go straight to the record.
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String PARKED_IDS = Outbox.PARKED + "." + OutboxEntry.EVENT_ID;

    private static final Duration OUTAGE_TOLD_EVERY = Duration.ofMinutes(1);

    private final ReactiveMongoOperations mongo;
    private final OutboxProperties properties;
    private final OutboxMetrics metrics;
    private final Clock clock;
    private final RecordRelay records;
    /** An outage of Kafka or MongoDB fails every record's relay: said in a few lines, not one per record. */
    private final OutageLog outages;

    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
    /** Records whose events wait for a retry, and from when it is due. */
    private final Map<RecordRef, Instant> retries = new ConcurrentHashMap<>();

    private volatile Instant nextSweep = Instant.MIN;
    private final AtomicReference<Disposable> ticker = new AtomicReference<>();
    /** Relays started by a write (a tip stored, a decision made) and not finished yet. */
    private final AtomicInteger inBackground = new AtomicInteger();

    public OutboxRelay(
            ReactiveMongoOperations mongo,
            EventPublisher publisher,
            OutboxProperties properties,
            OutboxMetrics metrics,
            Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.metrics = metrics;
        // To the millisecond, as MongoDB stores a lease's end: a lease the relay thinks has run out,
        // the store's `until <= now` agrees has run out. (To the microsecond, a retry due at a lease's
        // end could come round within that millisecond, be refused the claim, and wait for a sweep.)
        this.clock = Clock.tick(clock, Duration.ofMillis(1));
        this.outages = new OutageLog(log, "Sending the outbox's events", OUTAGE_TOLD_EVERY, this.clock);
        this.records = new RecordRelay(mongo, publisher, properties, metrics, this.clock, outages::succeeded);
    }

    /** The outbox of a collection; the relay looks after every collection it handed one out for. */
    Outbox outbox(String collection) {
        return outboxes.computeIfAbsent(collection, name -> {
            metrics.watch(name, retries);
            return new Outbox(this, name);
        });
    }

    /**
     * The sparse index that lets a real MongoDB find the records with waiting events without
     * reading the others.
     */
    static Index waitingIndex() {
        return new Index()
                .on(RecordRelay.ENTRY_IDS, Sort.Direction.ASC)
                .sparse()
                .named("outbox_waiting");
    }

    /**
     * The sparse index of the records holding parked events, which each sweep counts: the same
     * few-of-many shape as {@link #waitingIndex()}, so a count reads the parked records only.
     */
    static Index parkedIndex() {
        return new Index().on(PARKED_IDS, Sort.Direction.ASC).sparse().named("outbox_parked");
    }

    Mono<Boolean> hasWaitingEvents(String collection, String recordId) {
        return records.hasWaitingEvents(new RecordRef(collection, recordId));
    }

    Mono<Void> forget(String collection, String recordId, long uptoRevision) {
        return records.forget(new RecordRef(collection, recordId), uptoRevision);
    }

    /** A lease for this instance, from now on. */
    Document newLease() {
        return records.newLease();
    }

    Mono<Void> relay(String collection, String recordId) {
        return relay(new RecordRef(collection, recordId));
    }

    void relayInBackground(String collection, String recordId) {
        RecordRef record = new RecordRef(collection, recordId);
        inBackground(record, relay(record));
    }

    void relayInsertedInBackground(String collection, String recordId, Outbox.HeldInsert inserted) {
        RecordRef record = new RecordRef(collection, recordId);
        inBackground(record, relayed(record, Mono.defer(() -> records.relayInserted(record, inserted))));
    }

    /** Relays the record and keeps the appointment it asks for; an outage is waited out, never counted. */
    private Mono<Void> relay(RecordRef record) {
        return relayed(record, Mono.defer(() -> records.relay(record)));
    }

    private Mono<Void> relayed(RecordRef record, Mono<Instant> relaying) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return relaying.doOnNext(retryAt -> retryFrom(record, retryAt))
                .doOnError(error -> retryAfterOutage(record, error))
                .onErrorComplete(TransientFailures::isTransient)
                .then();
    }

    private void inBackground(RecordRef record, Mono<Void> relaying) {
        inBackground.incrementAndGet();
        relaying.doFinally(done -> inBackground.decrementAndGet()).subscribe(null, error -> {
            log.warn(
                    "Relaying the outbox of {}/{} failed; the relay tries again: {}",
                    record.collection(),
                    record.id(),
                    describe(error));
            retryFrom(record, clock.instant().plus(properties.outageRetry()));
        });
    }

    private void retryAfterOutage(RecordRef record, Throwable error) {
        if (TransientFailures.isTransient(error)) {
            outages.failed(record.collection() + "/" + record.id() + ": " + describe(error));
            retryFrom(record, clock.instant().plus(properties.outageRetry()));
        }
    }

    /** Schedules the record for a retry from that moment; of two schedules, the earlier one stands. */
    private void retryFrom(RecordRef record, Instant when) {
        retries.merge(record, when, (known, next) -> known.isBefore(next) ? known : next);
    }

    /** What the ticker does: the retries that are due, and a sweep when one is due. */
    Mono<Void> runDueWork() {
        Instant now = clock.instant();
        Flux<Void> dueRetries = Flux.fromIterable(Map.copyOf(retries).entrySet())
                .filter(retry -> !retry.getValue().isAfter(now))
                .concatMap(retry -> {
                    retries.remove(retry.getKey(), retry.getValue());
                    return relay(retry.getKey());
                });
        Mono<Void> sweep = now.isBefore(nextSweep)
                ? Mono.empty()
                : Mono.defer(() -> {
                    nextSweep = now.plus(properties.sweepInterval());
                    return sweep();
                });
        return dueRetries.then(sweep).onErrorResume(error -> {
            log.warn("The outbox relay could not finish its round; it tries again: {}", describe(error));
            return Mono.empty();
        });
    }

    /** Sweeps at the next tick rather than at the scheduled time (see {@link SweepWhenPartitionsMove}). */
    void sweepSoon() {
        nextSweep = Instant.MIN;
    }

    /** Every record that still has waiting events, collection by collection, page by page. */
    public Mono<Void> sweep() {
        return Flux.fromIterable(List.copyOf(outboxes.keySet()))
                .concatMap(collection -> sweepFrom(collection, null).then(countParked(collection)))
                .then();
    }

    private Mono<Void> sweepFrom(String collection, String afterId) {
        Criteria waiting = where(RecordRelay.ENTRY_IDS).exists(true);
        if (afterId != null) {
            waiting = waiting.and("_id").gt(afterId);
        }
        Query page = query(waiting).with(Sort.by("_id")).limit(properties.batchSize());
        page.fields().include("_id").include(Outbox.LEASE);
        return mongo.find(page, OutboxRecord.class, collection).collectList().flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.empty();
            }
            log.info("Relaying {} record(s) of {} found with waiting events", found.size(), collection);
            Mono<Void> relayed = Flux.fromIterable(found)
                    .concatMap(record -> relayOrWait(collection, record))
                    .then();
            String last = found.get(found.size() - 1).id();
            return found.size() < properties.batchSize()
                    ? relayed
                    : relayed.then(Mono.defer(() -> sweepFrom(collection, last)));
        });
    }

    /**
     * A record still leased (by an instance that died with it, say) is tried again the moment its
     * lease runs out, not only at the next sweep: after a crash, what the old process held goes
     * out within one lease. Seen here, the lease costs no claim to find out.
     */
    private Mono<Void> relayOrWait(String collection, OutboxRecord found) {
        RecordRef record = new RecordRef(collection, found.id());
        if (found.leasedAt(clock.instant())) {
            retryFrom(record, found.lease().until());
            return Mono.empty();
        }
        return relay(record);
    }

    private Mono<Void> countParked(String collection) {
        return mongo.count(query(where(PARKED_IDS).exists(true)), collection)
                .doOnNext(count -> metrics.parkedRecords(collection, count))
                .then();
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("The outbox relay is off: nothing is sent from this instance");
            return;
        }
        Disposable started = Flux.interval(properties.tick())
                .onBackpressureDrop()
                .concatMap(tick -> runDueWork(), 1)
                .subscribe();
        Disposable previous = ticker.getAndSet(started);
        if (previous != null) {
            previous.dispose();
        }
    }

    /**
     * Stops sweeping and retrying, lets the relays that writes started finish (each is one send,
     * bounded by the send timeout; at most {@code handBackWait}), then hands back every lease this
     * instance still holds, so that another instance sends what waits at once rather than when
     * the lease runs out.
     */
    @Override
    public void stop() {
        Disposable running = ticker.getAndSet(null);
        if (running != null) {
            running.dispose();
        }
        Flux.interval(Duration.ofMillis(20))
                .takeUntil(tick -> inBackground.get() == 0)
                .take(properties.handBackWait())
                .blockLast();
        try {
            long handedBack = Flux.fromIterable(outboxes.keySet())
                    .flatMap(records::handBackLeases)
                    .reduce(0L, Long::sum)
                    .block(properties.handBackWait());
            log.info("Stopped relaying; handed back {} outbox lease(s)", handedBack);
        } catch (RuntimeException notHandedBack) {
            log.warn(
                    "Stopped relaying; the outbox leases could not be handed back and run out by themselves: {}",
                    describe(notHandedBack));
        }
    }

    /**
     * After the web server has drained its requests (Boot stops it in phase
     * {@code DEFAULT_PHASE - 2048}): a tip accepted during the graceful shutdown is relayed, or
     * its lease handed back.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        return ticker.get() != null;
    }

    /** Records waiting for a retry, for the health details. */
    int waitingForRetry() {
        return retries.size();
    }
}
