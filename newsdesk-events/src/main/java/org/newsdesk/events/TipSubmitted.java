package org.newsdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A resident sent a tip, and it is now durably on its way to the newsroom.
 *
 * @param receiptDigest SHA-256 (hex) of the resident's receipt code: enough for the submission
 *                      service to rebuild its receipts from the log, useless to anyone who reads
 *                      the topic and wants to impersonate the resident
 * @param contact       how to reach the resident, or {@code null} when they stayed anonymous
 */
public record TipSubmitted(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String tipId,
        long revision,
        String receiptDigest,
        String headline,
        String body,
        String area,
        String category,
        Contact contact,
        Instant submittedAt) implements NewsdeskEvent {

    public static final String TYPE = "newsdesk.tip-submitted";
    public static final int SCHEMA_VERSION = 1;

    public TipSubmitted {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tipId, "tipId");
        revision = NewsdeskEvent.firstRevisionIfMissing(revision);
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    public static TipSubmitted of(String tipId, String receiptDigest, String headline, String body,
            String area, String category, Contact contact, Instant submittedAt) {
        return new TipSubmitted(UUID.randomUUID(), SCHEMA_VERSION, submittedAt, tipId, 1, receiptDigest,
                headline, body, area, category, contact, submittedAt);
    }

    /**
     * What a resident chose to tell about themselves; each part may be {@code null}. Its string
     * form leaves the parts out, so that no log line or exception message that prints an event
     * (Spring Messaging prints the payload it cannot convert) shows them.
     */
    public record Contact(String name, String email, String phone) {

        @Override
        public String toString() {
            return "Contact[redacted]";
        }
    }
}
