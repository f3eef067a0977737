package org.newsdesk.messaging.outbox;

import static org.newsdesk.messaging.RecordMetadataLogging.describe;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.messaging.EventPublisher;
import org.newsdesk.messaging.TransientFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the events waiting in the outboxes of a service's records, one relay per service for all
 * its collections.
 *
 * <ul>
 * <li><b>Right after the write.</b> A service asks for a record to be relayed as soon as it stored
 * it; that is the normal path, and it reads nothing but that one record.
 * <li><b>In order per record.</b> A record's events go out oldest first, one at a time, and the
 * next one waits while an earlier one waits for a retry, so consumers see a tip's events in the
 * order they happened (they are keyed by tip id, so Kafka keeps that order).
 * <li><b>One sender per record.</b> The relay takes a lease on a record (one conditional write)
 * before it sends, so several instances of a service never send the same entry twice in normal
 * operation. A lease that outlived its instance simply expires. Consumers stay idempotent for the
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

    private static final String ENTRY_IDS = Outbox.ENTRIES + "." + OutboxEntry.EVENT_ID;
    private static final String PARKED_IDS = Outbox.PARKED + "." + OutboxEntry.EVENT_ID;
    private static final String LEASE_OWNER = Outbox.LEASE + ".owner";
    private static final String LEASE_UNTIL = Outbox.LEASE + ".until";

    private final ReactiveMongoOperations mongo;
    private final EventPublisher publisher;
    private final OutboxProperties properties;
    private final OutboxMetrics metrics;
    private final Clock clock;
    /** Tells this instance's leases from those of other instances of the same service. */
    private final String owner = UUID.randomUUID().toString();

    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
    /** Records whose events wait for a retry, and from when it is due. */
    private final Map<RecordRef, Instant> retries = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;
    private final AtomicReference<Disposable> ticker = new AtomicReference<>();

    public OutboxRelay(ReactiveMongoOperations mongo, EventPublisher publisher, OutboxProperties properties,
            OutboxMetrics metrics, Clock clock) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        metrics.watchRetries(retries);
    }

    /** The outbox of a collection; the relay looks after every collection it handed one out for. */
    Outbox outbox(String collection) {
        return outboxes.computeIfAbsent(collection, name -> new Outbox(this, name));
    }

    /**
     * The sparse index that lets a real MongoDB find the records with waiting events without
     * reading the others.
     */
    static Index waitingIndex() {
        return new Index().on(ENTRY_IDS, Sort.Direction.ASC).sparse().named("outbox_waiting");
    }

    Mono<Boolean> hasWaitingEvents(String collection, String recordId) {
        return mongo.exists(query(where("_id").is(recordId).and(ENTRY_IDS).exists(true)), collection);
    }

    Mono<Void> relay(String collection, String recordId) {
        return relay(new RecordRef(collection, recordId), false);
    }

    /**
     * @param ownLease whether this instance wrote its lease together with the record: then reading
     *                 the record is enough, and the write that takes a lease is saved
     */
    private Mono<Void> relay(RecordRef record, boolean ownLease) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            // What Kafka acknowledged leaves the outbox in the same write that gives up the lease:
            // a relayed record costs two writes, the claim and this one, however many events it had.
            List<String> sent = new CopyOnWriteArrayList<>();
            Mono<Document> held = ownLease
                    ? mongo.findOne(query(where("_id").is(record.id()).and(LEASE_OWNER).is(owner)
                            .and(LEASE_UNTIL).gt(Date.from(now()))), Document.class, record.collection())
                            .switchIfEmpty(Mono.defer(() -> claim(record)))
                    : claim(record);
            AtomicReference<Instant> retryAt = new AtomicReference<>();
            return Mono.usingWhen(held,
                            claimed -> sendInOrder(record, entriesOf(claimed), sent, retryAt),
                            claimed -> finish(record, sent),
                            (claimed, error) -> finish(record, sent),
                            claimed -> finish(record, sent))
                    // Only once the lease is given up: a retry that came earlier would find it taken.
                    .then(Mono.fromRunnable(() -> {
                        if (retryAt.get() != null) {
                            retryFrom(record, retryAt.get());
                        }
                    }));
        })
                .doOnError(error -> retryAfterOutage(record, error))
                .onErrorComplete(TransientFailures::isTransient)
                .then();
    }

    void relayInBackground(String collection, String recordId) {
        inBackground(collection, recordId, false);
    }

    void relayOwnInBackground(String collection, String recordId) {
        inBackground(collection, recordId, true);
    }

    /** A lease for this instance, from now on. */
    Document newLease() {
        return new Document("owner", owner).append("until", Date.from(now().plus(properties.lease())));
    }

    private void inBackground(String collection, String recordId, boolean ownLease) {
        relay(new RecordRef(collection, recordId), ownLease).subscribe(null, error -> {
            log.warn("Relaying the outbox of {}/{} failed; the relay tries again: {}", collection, recordId,
                    describe(error));
            retryFrom(new RecordRef(collection, recordId), now().plus(properties.outageRetry()));
        });
    }

    /**
     * Takes the lease on a record that has events waiting, unless another relay holds it; then the
     * record is tried again once that lease has run out.
     */
    private Mono<Document> claim(RecordRef record) {
        Criteria claimable = where("_id").is(record.id()).and(ENTRY_IDS).exists(true)
                .orOperator(where(Outbox.LEASE).exists(false), where(LEASE_UNTIL).lte(Date.from(now())));
        Update lease = new Update().set(Outbox.LEASE, newLease());
        return mongo.findAndModify(query(claimable), lease, FindAndModifyOptions.options().returnNew(true),
                        Document.class, record.collection())
                .switchIfEmpty(Mono.defer(() -> retryAfterTheLease(record)));
    }

    /**
     * The relay holding the record may die with it (a crash, a kill) and nothing else would send
     * its events before the next sweep, minutes away; so a record that could not be claimed is
     * tried again the moment its lease runs out. Should the holder have sent everything by then,
     * that retry finds nothing to claim and reads no further.
     */
    private Mono<Document> retryAfterTheLease(RecordRef record) {
        Query leased = query(where("_id").is(record.id()).and(ENTRY_IDS).exists(true).and(Outbox.LEASE).exists(true));
        leased.fields().include(Outbox.LEASE);
        return mongo.findOne(leased, Document.class, record.collection())
                .doOnNext(found -> retryFrom(record, leaseEnd(found)))
                .then(Mono.empty());
    }

    private static Instant leaseEnd(Document record) {
        return record.get(Outbox.LEASE, Document.class).getDate("until").toInstant();
    }

    /**
     * Now, to the millisecond, as MongoDB stores a lease's end: a lease this relay thinks has run
     * out, the store's {@code until <= now} agrees has run out. (To the microsecond, a retry due
     * at a lease's end could come round within that millisecond, be refused the claim, and leave
     * the record to the next sweep.)
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Removes the sent entries and gives up the lease. Should the lease have expired and passed to
     * another instance meanwhile, the sent entries are removed all the same, and that instance's
     * lease is left alone.
     */
    private Mono<Void> finish(RecordRef record, List<String> sent) {
        Update release = new Update().unset(Outbox.LEASE);
        Document sentEntries = new Document(OutboxEntry.EVENT_ID, new Document("$in", List.copyOf(sent)));
        if (!sent.isEmpty()) {
            release.pull(Outbox.ENTRIES, sentEntries);
        }
        return mongo.updateFirst(query(where("_id").is(record.id()).and(LEASE_OWNER).is(owner)), release,
                        record.collection())
                .flatMap(result -> result.getMatchedCount() > 0 || sent.isEmpty() ? Mono.empty()
                        : mongo.updateFirst(query(where("_id").is(record.id())),
                                new Update().pull(Outbox.ENTRIES, sentEntries), record.collection()))
                .then();
    }

    private static List<OutboxEntry> entriesOf(Document record) {
        List<Document> entries = record.getList(Outbox.ENTRIES, Document.class, List.of());
        return entries.stream().map(OutboxEntry::from).toList();
    }

    private Mono<Void> sendInOrder(RecordRef record, List<OutboxEntry> entries, List<String> sent,
            AtomicReference<Instant> retryAt) {
        return Flux.fromIterable(entries)
                .concatMap(entry -> send(record, entry, sent))
                // A parked entry no longer holds up the ones behind it; a waiting one does.
                .takeUntil(outcome -> outcome.retryAt() != null)
                .filter(outcome -> outcome.retryAt() != null)
                .doOnNext(waiting -> retryAt.set(waiting.retryAt()))
                .then();
    }

    private Mono<Sent> send(RecordRef record, OutboxEntry entry, List<String> sent) {
        if (entry.notBefore() != null && entry.notBefore().isAfter(now())) {
            return Mono.just(Sent.retryAt(entry.notBefore()));
        }
        NewsdeskEvent event;
        try {
            event = entry.event();
        }
        catch (RuntimeException unreadable) {
            return park(record, entry, "the stored event cannot be read", unreadable);
        }
        return publisher.publish(entry.topic(), event)
                .timeout(properties.sendTimeout())
                .doOnSuccess(acknowledged -> {
                    sent.add(entry.eventId());
                    metrics.sent(record.collection());
                })
                .thenReturn(Sent.DONE)
                .onErrorResume(failure -> TransientFailures.isTransient(failure)
                        ? Mono.error(failure)
                        : failed(record, entry, failure));
    }

    private Mono<Sent> failed(RecordRef record, OutboxEntry entry, Throwable failure) {
        int attempts = entry.attempts() + 1;
        if (attempts >= properties.maxAttempts()) {
            return park(record, entry, "Kafka did not take it after " + attempts + " attempts", failure);
        }
        Instant retryAt = now().plus(properties.backoffAfter(attempts));
        log.warn("Sending event {} ({}) of {}/{} failed (attempt {} of {}), next try at {}: {}", entry.eventId(),
                entry.type(), record.collection(), record.id(), attempts, properties.maxAttempts(), retryAt,
                describe(failure));
        metrics.failed(record.collection());
        Query sameEntry = query(where("_id").is(record.id()).and(ENTRY_IDS).is(entry.eventId()));
        Update backOff = new Update()
                .set(Outbox.ENTRIES + ".$." + OutboxEntry.ATTEMPTS, attempts)
                .set(Outbox.ENTRIES + ".$." + OutboxEntry.NOT_BEFORE, Date.from(retryAt))
                .set(Outbox.ENTRIES + ".$." + OutboxEntry.LAST_ERROR, detail(failure));
        return mongo.updateFirst(sameEntry, backOff, record.collection()).thenReturn(Sent.retryAt(retryAt));
    }

    /**
     * Moves the entry aside in the same record, so the entries behind it can go. The log says why
     * by the failure's type; its message, which may quote the event, stays with the parked entry.
     */
    private Mono<Sent> park(RecordRef record, OutboxEntry entry, String why, Throwable failure) {
        log.error("Parked event {} ({}, revision {}) of {}/{}: {} ({}). It stays in the record's {} with the "
                + "reason until someone looks at it; the events behind it go on.", entry.eventId(), entry.type(),
                entry.revision(), record.collection(), record.id(), why, describe(failure), Outbox.PARKED);
        Document parked = entry.toDocument()
                .append("parkedAt", Date.from(now()))
                .append("reason", why + ": " + detail(failure));
        Update moveAside = new Update()
                .pull(Outbox.ENTRIES, new Document(OutboxEntry.EVENT_ID, entry.eventId()))
                .push(Outbox.PARKED, parked);
        return mongo.updateFirst(query(where("_id").is(record.id()).and(ENTRY_IDS).is(entry.eventId())),
                        moveAside, record.collection())
                .doOnSuccess(done -> metrics.parked(record.collection()))
                .thenReturn(Sent.DONE);
    }

    private void retryAfterOutage(RecordRef record, Throwable error) {
        if (TransientFailures.isTransient(error)) {
            log.warn("Kafka or MongoDB is unavailable; the outbox of {}/{} is tried again in {}: {}",
                    record.collection(), record.id(), properties.outageRetry(), describe(error));
            retryFrom(record, now().plus(properties.outageRetry()));
        }
    }

    /** Schedules the record for a retry from that moment; of two schedules, the earlier one stands. */
    private void retryFrom(RecordRef record, Instant when) {
        retries.merge(record, when, (known, next) -> known.isBefore(next) ? known : next);
    }

    /** What the ticker does: the retries that are due, and a sweep when one is due. */
    Mono<Void> runDueWork() {
        Instant now = now();
        Flux<Void> dueRetries = Flux.fromIterable(Map.copyOf(retries).entrySet())
                .filter(retry -> !retry.getValue().isAfter(now))
                .concatMap(retry -> {
                    retries.remove(retry.getKey(), retry.getValue());
                    return relay(retry.getKey().collection(), retry.getKey().id());
                });
        Mono<Void> sweep = now.isBefore(nextSweep) ? Mono.empty() : Mono.defer(() -> {
            nextSweep = now.plus(properties.sweepInterval());
            return sweep();
        });
        return dueRetries.then(sweep)
                .onErrorResume(error -> {
                    log.warn("The outbox relay could not finish its round; it tries again: {}", describe(error));
                    return Mono.empty();
                });
    }

    /** Every record that still has waiting events, collection by collection, page by page. */
    public Mono<Void> sweep() {
        return Flux.fromIterable(List.copyOf(outboxes.keySet()))
                .concatMap(collection -> sweepFrom(collection, null)
                        .then(countParked(collection)))
                .then();
    }

    private Mono<Void> sweepFrom(String collection, String afterId) {
        Criteria waiting = where(ENTRY_IDS).exists(true);
        if (afterId != null) {
            waiting = waiting.and("_id").gt(afterId);
        }
        Query page = query(waiting).with(Sort.by("_id")).limit(properties.batchSize());
        page.fields().include("_id").include(Outbox.LEASE);
        return mongo.find(page, Document.class, collection)
                .collectList()
                .flatMap(records -> {
                    if (records.isEmpty()) {
                        return Mono.empty();
                    }
                    log.info("Relaying {} record(s) of {} found with waiting events", records.size(), collection);
                    Mono<Void> relayed = Flux.fromIterable(records).concatMap(found -> relayOrWait(collection, found))
                            .then();
                    String last = records.get(records.size() - 1).get("_id").toString();
                    return records.size() < properties.batchSize() ? relayed
                            : relayed.then(Mono.defer(() -> sweepFrom(collection, last)));
                });
    }

    /**
     * A record still leased (by an instance that died with it, say) is tried again the moment its
     * lease runs out, not only at the next sweep: after a crash, what the old process held goes
     * out within one lease. Seen here, the lease costs no claim to find out.
     */
    private Mono<Void> relayOrWait(String collection, Document found) {
        RecordRef record = new RecordRef(collection, found.get("_id").toString());
        if (found.containsKey(Outbox.LEASE) && leaseEnd(found).isAfter(now())) {
            retryFrom(record, leaseEnd(found));
            return Mono.empty();
        }
        return relay(record, false);
    }

    private Mono<Void> countParked(String collection) {
        return mongo.count(query(where(PARKED_IDS).exists(true)), collection)
                .doOnNext(count -> metrics.parkedRecords(collection, count))
                .then();
    }

    /** Removes the record's entries up to a revision: the log holds them already (a rebuild found them there). */
    Mono<Void> forget(String collection, String recordId, long uptoRevision) {
        return mongo.updateFirst(query(where("_id").is(recordId)),
                new Update().pull(Outbox.ENTRIES, new Document("revision", new Document("$lte", uptoRevision))),
                collection).then();
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

    @Override
    public void stop() {
        Disposable running = ticker.getAndSet(null);
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return ticker.get() != null;
    }

    /** Records waiting for a retry, for the health details. */
    int waitingForRetry() {
        return retries.size();
    }

    /**
     * The failure in full, for what is stored with the entry (in the same database as the event
     * itself), never for a log line: its message may quote the event.
     */
    private static String detail(Throwable failure) {
        return NestedExceptionUtils.getMostSpecificCause(failure).toString();
    }

    record RecordRef(String collection, String id) {
    }

    /** How one entry's send ended: done (sent or parked), or to be tried again from a moment on. */
    private record Sent(Instant retryAt) {

        static final Sent DONE = new Sent(null);

        static Sent retryAt(Instant when) {
            return new Sent(when);
        }
    }
}
