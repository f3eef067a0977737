package org.newsdesk.messaging.outbox;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.messaging.tracing.TraceParent;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * The outbox of one MongoDB collection whose records announce their changes as events.
 *
 * <p>There are no multi-document transactions on every MongoDB Newsdesk runs on, so a record
 * keeps its unsent events inside its own document: the state change and the event that announces
 * it are one single-document write, and either both are stored or neither is. After the write the
 * service asks for the record to be relayed at once; the {@link OutboxRelay} sends its events in
 * order and removes each once Kafka acknowledged it. Should that not happen (a crash, Kafka down),
 * the relay finds the record again on its own.
 *
 * <pre>{@code
 * Update decide = new Update().set("state", "DECIDED");
 * Outbox.announce(decide, Topics.TIPS_DECIDED, tipDecided);
 * mongo.updateFirst(pendingTip, decide, "tips").then(tipsOutbox.relay(tipId));
 * }</pre>
 */
public final class Outbox {

    /** The record's unsent events, oldest first. */
    public static final String ENTRIES = "outbox";
    /** Entries the relay gave up on, with the reason; kept for a person to look at. */
    public static final String PARKED = "outboxParked";
    /** Which relay instance is sending the record's events, and until when. */
    static final String LEASE = "outboxLease";

    private final OutboxRelay relay;
    private final String collection;

    Outbox(OutboxRelay relay, String collection) {
        this.relay = relay;
        this.collection = collection;
    }

    /**
     * Adds the events to {@code update} as the record's newest outbox entries, in this order. One
     * call per update: MongoDB takes one {@code $push} per field. Their records continue the trace
     * current on this thread (the request's or the record's that made them), if any.
     */
    public static Update announce(Update update, String topic, NewsdeskEvent... events) {
        return announce(update, topic, TraceParent.current(), events);
    }

    /**
     * As {@link #announce(Update, String, NewsdeskEvent...)}, in a trace the caller kept: a
     * moderator's decision continues the trace of the resident's tip, not of the moderator's click.
     *
     * @param cause null when the events belong to no trace
     */
    public static Update announce(Update update, String topic, @Nullable TraceParent cause, NewsdeskEvent... events) {
        if (update.modifies(ENTRIES)) {
            throw new IllegalStateException("This update already announces events; announce them all in one call");
        }
        Object[] entries = Arrays.stream(events)
                .map(event -> OutboxEntry.of(topic, event, cause).toDocument())
                .toArray();
        update.push(ENTRIES).each(entries);
        return update;
    }

    /**
     * For an insert-only upsert ({@code $setOnInsert} everywhere): a new record starts with this
     * event in its outbox, and an existing one is left alone, outbox included.
     */
    public static Update announceOnInsert(Update update, String topic, NewsdeskEvent event) {
        return announceOnInsert(update, topic, TraceParent.current(), event);
    }

    /** As {@link #announceOnInsert(Update, String, NewsdeskEvent)}, in a trace the caller kept. */
    public static Update announceOnInsert(
            Update update, String topic, @Nullable TraceParent cause, NewsdeskEvent event) {
        return announceOnInsert(update, OutboxEntry.of(topic, event, cause));
    }

    private static Update announceOnInsert(Update update, OutboxEntry entry) {
        return update.setOnInsert(ENTRIES, List.of(entry.toDocument()));
    }

    /**
     * For the insert of a record with a new id, which no other instance can know yet: the record
     * starts with this event in its outbox and with this instance's lease on it, so that
     * {@link #relayInsertedInBackground} can send it with neither a write to take the lease nor a
     * read to learn what waits.
     *
     * @return the event as the record holds it, for {@link #relayInsertedInBackground} once the write succeeded
     */
    public HeldInsert announceOnInsertHeld(Update update, String topic, NewsdeskEvent event) {
        OutboxEntry entry = OutboxEntry.of(topic, event, TraceParent.current());
        Document lease = relay.newLease();
        announceOnInsert(update, entry).setOnInsert(LEASE, lease);
        return new HeldInsert(entry, ((Date) lease.get("until")).toInstant());
    }

    /**
     * Sends the event of a record inserted with {@link #announceOnInsertHeld} without making the
     * caller wait; should the lease have run out meanwhile, the record is relayed as any other.
     */
    public void relayInsertedInBackground(String recordId, HeldInsert inserted) {
        relay.relayInsertedInBackground(collection, recordId, inserted);
    }

    /** The one event a new record was inserted with, and until when this instance holds its lease. */
    public static final class HeldInsert {
        final OutboxEntry entry;
        final Instant leaseUntil;

        HeldInsert(OutboxEntry entry, Instant leaseUntil) {
            this.entry = entry;
            this.leaseUntil = leaseUntil;
        }
    }

    /** Sends the record's waiting events now; completes when they are sent or set aside for a retry. */
    public Mono<Void> relay(String recordId) {
        return relay.relay(collection, recordId);
    }

    /**
     * Sends the record's waiting events without making the caller wait: the events are stored, so
     * the caller's answer does not depend on Kafka.
     */
    public void relayInBackground(String recordId) {
        relay.relayInBackground(collection, recordId);
    }

    /**
     * Drops the record's waiting events up to this revision without sending them, because the
     * log already holds them: what a rebuild does for the events its records were made from.
     */
    public Mono<Void> forget(String recordId, long uptoRevision) {
        return relay.forget(collection, recordId, uptoRevision);
    }

    /** Whether every event of the record has been sent (or parked): nothing waits in its outbox. */
    public Mono<Boolean> isEmpty(String recordId) {
        return relay.hasWaitingEvents(collection, recordId).map(waiting -> !waiting);
    }
}
