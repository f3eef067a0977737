package org.newsdesk.messaging.outbox;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.newsdesk.events.EventTypes;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.messaging.EventSerialization;
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
        Instant createdAt) {

    static final String EVENT_ID = "eventId";
    static final String ATTEMPTS = "attempts";
    static final String NOT_BEFORE = "notBefore";
    static final String LAST_ERROR = "lastError";

    private static final JsonMapper JSON = EventSerialization.jsonMapper();

    static OutboxEntry of(String topic, NewsdeskEvent event) {
        return new OutboxEntry(
                event.eventId().toString(),
                topic,
                EventTypes.nameOf(event),
                JSON.writeValueAsString(event),
                event.revision(),
                0,
                null,
                null,
                Instant.now());
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
        return document;
    }
}
