package org.newsdesk.messaging.outbox;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.EventTypes;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.messaging.EventSerialization;
import org.newsdesk.messaging.tracing.TraceParent;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event waiting in a record's outbox, as it is stored inside the record's document. The
 * event travels as the JSON it will have on the wire plus its logical type name, so what the
 * relay sends is exactly what the service wrote, whatever Java class later reads it.
 *
 * <p>Stored under its components' names. {@link #toDocument} writes them, because an entry goes
 * into a service's update ({@link Outbox#announce}) before any converter sees it, and a converted
 * object would carry a {@code _class} hint; Spring Data reads them back (see {@link OutboxRecord}).
 *
 * @param attempts  sends that failed for a reason other than an outage; after
 *                  {@code newsdesk.outbox.max-attempts} of them the entry is parked
 * @param notBefore when the relay may try again after such a failure; {@code null} when due at once
 * @param traceParent the trace of the work that made the event, which its record continues
 *                    (a W3C {@code traceparent}); {@code null} when that work was not traced
 */
record OutboxEntry(
        String eventId,
        String topic,
        String type,
        String payload,
        long revision,
        int attempts,
        Instant notBefore,
        String lastError,
        Instant createdAt,
        String traceParent) {

    static final String EVENT_ID = "eventId";
    static final String ATTEMPTS = "attempts";
    static final String NOT_BEFORE = "notBefore";
    static final String LAST_ERROR = "lastError";
    static final String TRACE_PARENT = "traceParent";

    private static final JsonMapper JSON = EventSerialization.jsonMapper();

    /** @param cause the trace the event's record continues; null when none */
    static OutboxEntry of(String topic, NewsdeskEvent event, @Nullable TraceParent cause) {
        return new OutboxEntry(
                event.eventId().toString(),
                topic,
                EventTypes.nameOf(event),
                JSON.writeValueAsString(event),
                event.revision(),
                0,
                null,
                null,
                Instant.now(),
                cause == null ? null : cause.value());
    }

    /** The trace the event's record continues; null when the event was made outside one. */
    @Nullable
    TraceParent cause() {
        return TraceParent.of(traceParent);
    }

    /** Fails when the payload is not an event this code knows: such an entry can never be sent. */
    NewsdeskEvent event() {
        Class<? extends NewsdeskEvent> type = EventTypes.byName(this.type);
        if (type == null) {
            throw new IllegalStateException("unknown event type '" + this.type + "'");
        }
        return JSON.readValue(payload, type);
    }

    Document toDocument() {
        Document document = new Document(EVENT_ID, eventId)
                .append("topic", topic)
                .append("type", type)
                .append("payload", payload)
                .append("revision", revision)
                .append(ATTEMPTS, attempts)
                .append("createdAt", Date.from(createdAt));
        if (notBefore != null) {
            document.append(NOT_BEFORE, Date.from(notBefore));
        }
        if (lastError != null) {
            document.append(LAST_ERROR, lastError);
        }
        if (traceParent != null) {
            document.append(TRACE_PARENT, traceParent);
        }
        return document;
    }
}
