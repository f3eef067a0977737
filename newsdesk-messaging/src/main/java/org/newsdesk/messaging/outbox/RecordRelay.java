package org.newsdesk.messaging.outbox;

import static org.newsdesk.messaging.RecordMetadataLogging.describe;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.result.UpdateResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.messaging.EventPublisher;
import org.newsdesk.messaging.TransientFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the waiting events of one record: takes the record's lease, sends its entries oldest first,
 * backs off or parks what Kafka will not take, then gives up the lease in the same write that
 * removes what was sent. When the record wants another go (an entry backing off, a lease another
 * relay holds) it says from when; keeping that appointment is the {@link OutboxRelay}'s job.
 */
final class RecordRelay {

    private static final Logger log = LoggerFactory.getLogger(RecordRelay.class);

    static final String ENTRY_IDS = Outbox.ENTRIES + "." + OutboxEntry.EVENT_ID;
    private static final String LEASE_OWNER = Outbox.LEASE + ".owner";
    private static final String LEASE_UNTIL = Outbox.LEASE + ".until";

    private final ReactiveMongoOperations mongo;
    private final EventPublisher publisher;
    private final OutboxProperties properties;
    private final OutboxMetrics metrics;
    private final Clock clock;
    private final Runnable onSent;
    /** Tells this instance's leases from those of other instances of the same service. */
    private final String owner = UUID.randomUUID().toString();

    /**
     * @param clock  read to the millisecond, as MongoDB stores a lease's end
     * @param onSent told of every event Kafka acknowledged: an outage, if there was one, is over
     */
    RecordRelay(
            ReactiveMongoOperations mongo,
            EventPublisher publisher,
            OutboxProperties properties,
            OutboxMetrics metrics,
            Clock clock,
            Runnable onSent) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.onSent = onSent;
    }

    /**
     * Sends what the record has waiting, if this relay can take the record's lease.
     *
     * @return when to relay the record again, or nothing once every entry is sent or parked; fails
     *         when Kafka or MongoDB is unavailable, the lease given up
     */
    Mono<Instant> relay(RecordRef record) {
        return claim(record)
                .singleOptional()
                .flatMap(claimed -> claimed.map(leased -> sendAndRelease(record, leased))
                        .orElseGet(() -> whenTheLeaseRunsOut(record)));
    }

    /**
     * Sends the event a new record was inserted with under this instance's lease, as the writer
     * knows it: the insert is what holds the lease, so neither a write to take it nor a read of the
     * record is needed. Should the lease have run out before this starts, another instance may have
     * taken the record, which is then relayed as any other.
     */
    Mono<Instant> relayInserted(RecordRef record, Outbox.HeldInsert inserted) {
        if (!inserted.leaseUntil.isAfter(clock.instant())) {
            return relay(record);
        }
        return sendAndRelease(
                record,
                new OutboxRecord(
                        record.id(), List.of(inserted.entry), new OutboxRecord.Lease(owner, inserted.leaseUntil)));
    }

    /**
     * Gives up every lease this instance holds in the collection, for a shutdown: the records are
     * free for another instance at once. Only records with waiting events can be leased, so the
     * sparse index of those finds them.
     *
     * @return how many leases were handed back
     */
    Mono<Long> handBackLeases(String collection) {
        return mongo.updateMulti(
                        query(where(ENTRY_IDS).exists(true).and(LEASE_OWNER).is(owner)),
                        new Update().unset(Outbox.LEASE),
                        collection)
                .map(UpdateResult::getModifiedCount);
    }

    /** A lease for this instance, from now on. */
    Document newLease() {
        return new Document("owner", owner)
                .append("until", Date.from(clock.instant().plus(properties.lease())));
    }

    Mono<Boolean> hasWaitingEvents(RecordRef record) {
        return mongo.exists(query(where("_id").is(record.id()).and(ENTRY_IDS).exists(true)), record.collection());
    }

    /** Removes the record's entries up to a revision: the log holds them already (a rebuild found them there). */
    Mono<Void> forget(RecordRef record, long uptoRevision) {
        return mongo.updateFirst(
                        query(where("_id").is(record.id())),
                        new Update().pull(Outbox.ENTRIES, new Document("revision", new Document("$lte", uptoRevision))),
                        record.collection())
                .then();
    }

    /** Takes the lease on a record that has events waiting, unless another relay holds it. */
    private Mono<OutboxRecord> claim(RecordRef record) {
        Criteria claimable = where("_id")
                .is(record.id())
                .and(ENTRY_IDS)
                .exists(true)
                .orOperator(
                        where(Outbox.LEASE).exists(false), where(LEASE_UNTIL).lte(Date.from(clock.instant())));
        Update lease = new Update().set(Outbox.LEASE, newLease());
        return mongo.findAndModify(
                query(claimable),
                lease,
                FindAndModifyOptions.options().returnNew(true),
                OutboxRecord.class,
                record.collection());
    }

    /**
     * The relay holding the record may die with it (a crash, a kill), and nothing else would send
     * its events before the next sweep, minutes away; so a record that could not be claimed is
     * tried again the moment its lease runs out. Should the holder have sent everything by then,
     * that retry finds nothing to claim and reads no further.
     */
    private Mono<Instant> whenTheLeaseRunsOut(RecordRef record) {
        Query leased = query(where("_id")
                .is(record.id())
                .and(ENTRY_IDS)
                .exists(true)
                .and(Outbox.LEASE)
                .exists(true));
        leased.fields().include(Outbox.LEASE);
        return mongo.findOne(leased, OutboxRecord.class, record.collection())
                .map(found -> found.lease().until());
    }

    /**
     * What Kafka acknowledged leaves the outbox in the same write that gives up the lease, and that
     * write answers with what waits in the outbox after it: a relayed record costs two writes, the
     * claim and this one, however many events it had. The next try is announced only once the lease
     * is given up: one that came earlier would find it taken.
     */
    private Mono<Instant> sendAndRelease(RecordRef record, OutboxRecord leased) {
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicReference<Instant> retryAt = new AtomicReference<>();
        AtomicBoolean waitingAfterRelease = new AtomicBoolean();
        return Mono.usingWhen(
                        Mono.just(leased),
                        claimed -> sendInOrder(record, claimed.entries(), sent).doOnNext(retryAt::set),
                        claimed -> release(record, sent, waitingAfterRelease),
                        (claimed, error) -> release(record, sent, waitingAfterRelease),
                        claimed -> release(record, sent, waitingAfterRelease))
                .then(Mono.fromSupplier(() -> retryAt.get() != null
                        ? retryAt.get()
                        // A write that announced another event while this relay held the lease asked for a
                        // relay that found the record taken, and would otherwise wait for the lease to run
                        // out (an editor's second quick correction, held back 30 s): it goes at once.
                        : waitingAfterRelease.get() ? clock.instant() : null));
    }

    /**
     * Removes the sent entries and gives up the lease, and tells whether entries still wait. Should
     * the lease have expired and passed to another instance meanwhile, the sent entries are removed
     * all the same, and that instance's lease is left alone (it sends what waits).
     */
    private Mono<Void> release(RecordRef record, List<String> sent, AtomicBoolean waitingAfterRelease) {
        Update release = new Update().unset(Outbox.LEASE);
        Document sentEntries = new Document(OutboxEntry.EVENT_ID, new Document("$in", List.copyOf(sent)));
        if (!sent.isEmpty()) {
            release.pull(Outbox.ENTRIES, sentEntries);
        }
        Query ownLease = query(where("_id").is(record.id()).and(LEASE_OWNER).is(owner));
        ownLease.fields().include(Outbox.ENTRIES);
        return mongo.findAndModify(
                        ownLease,
                        release,
                        FindAndModifyOptions.options().returnNew(true),
                        OutboxRecord.class,
                        record.collection())
                .doOnNext(
                        released -> waitingAfterRelease.set(!released.entries().isEmpty()))
                .hasElement()
                .flatMap(released -> released || sent.isEmpty()
                        ? Mono.empty()
                        : mongo.updateFirst(
                                query(where("_id").is(record.id())),
                                new Update().pull(Outbox.ENTRIES, sentEntries),
                                record.collection()))
                .then();
    }

    /** @return when the first entry that must wait may go, or nothing when none waits */
    private Mono<Instant> sendInOrder(RecordRef record, List<OutboxEntry> entries, List<String> sent) {
        return Flux.fromIterable(entries)
                .concatMap(entry -> send(record, entry, sent))
                // A parked entry no longer holds up the ones behind it; a waiting one does.
                .takeUntil(outcome -> outcome.retryAt() != null)
                .filter(outcome -> outcome.retryAt() != null)
                .map(Sent::retryAt)
                .next();
    }

    private Mono<Sent> send(RecordRef record, OutboxEntry entry, List<String> sent) {
        if (entry.notBefore() != null && entry.notBefore().isAfter(clock.instant())) {
            return Mono.just(Sent.retryAt(entry.notBefore()));
        }
        NewsdeskEvent event;
        try {
            event = entry.event();
        } catch (RuntimeException unreadable) {
            return park(record, entry, "the stored event cannot be read", unreadable);
        }
        return publisher
                .publish(entry.topic(), event, entry.cause())
                .timeout(properties.sendTimeout())
                .doOnSuccess(acknowledged -> {
                    sent.add(entry.eventId());
                    metrics.sent(record.collection());
                    onSent.run();
                })
                .thenReturn(Sent.DONE)
                .onErrorResume(failure ->
                        TransientFailures.isTransient(failure) ? Mono.error(failure) : failed(record, entry, failure));
    }

    private Mono<Sent> failed(RecordRef record, OutboxEntry entry, Throwable failure) {
        int attempts = entry.attempts() + 1;
        if (attempts >= properties.maxAttempts()) {
            return park(record, entry, "Kafka did not take it after " + attempts + " attempts", failure);
        }
        Instant retryAt = clock.instant().plus(properties.backoffAfter(attempts));
        log.warn(
                "Sending event {} ({}) of {}/{} failed (attempt {} of {}), next try at {}: {}",
                entry.eventId(),
                entry.type(),
                record.collection(),
                record.id(),
                attempts,
                properties.maxAttempts(),
                retryAt,
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
        log.error(
                "Parked event {} ({}, revision {}) of {}/{}: {} ({}). It stays in the record's {} with the "
                        + "reason until someone looks at it; the events behind it go on.",
                entry.eventId(),
                entry.type(),
                entry.revision(),
                record.collection(),
                record.id(),
                why,
                describe(failure),
                Outbox.PARKED);
        Document parked = entry.toDocument()
                .append("parkedAt", Date.from(clock.instant()))
                .append("reason", why + ": " + detail(failure));
        Update moveAside = new Update()
                .pull(Outbox.ENTRIES, new Document(OutboxEntry.EVENT_ID, entry.eventId()))
                .push(Outbox.PARKED, parked);
        return mongo.updateFirst(
                        query(where("_id").is(record.id()).and(ENTRY_IDS).is(entry.eventId())),
                        moveAside,
                        record.collection())
                .doOnSuccess(done -> metrics.parked(record.collection()))
                .thenReturn(Sent.DONE);
    }

    /**
     * The failure in full, for what is stored with the entry (in the same database as the event
     * itself), never for a log line: its message may quote the event.
     */
    private static String detail(Throwable failure) {
        return NestedExceptionUtils.getMostSpecificCause(failure).toString();
    }

    /** How one entry's send ended: done (sent or parked), or to be tried again from a moment on. */
    private record Sent(Instant retryAt) {

        static final Sent DONE = new Sent(null);

        static Sent retryAt(Instant when) {
            return new Sent(when);
        }
    }
}
