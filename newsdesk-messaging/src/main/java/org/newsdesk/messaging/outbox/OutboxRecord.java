package org.newsdesk.messaging.outbox;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * What the relay reads of a service's record: its waiting entries and its lease, whatever else
 * the service keeps in the document.
 *
 * @param entries the waiting entries, oldest first; empty when the relay read only the lease
 * @param lease   which relay is sending the record's events, until when; {@code null} when none is
 */
record OutboxRecord(
        @Id String id,
        @Field(Outbox.ENTRIES) List<OutboxEntry> entries,
        @Field(Outbox.LEASE) Lease lease) {

    OutboxRecord {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** Whether a relay holds the record at {@code now}; a lease has run out from its {@code until} on. */
    boolean leasedAt(Instant now) {
        return lease != null && lease.until() != null && lease.until().isAfter(now);
    }

    record Lease(String owner, Instant until) {}
}
