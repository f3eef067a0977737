package org.newsdesk.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A resident sent a tip, and it is now durably on its way to the newsroom.
 *
 * @param receiptDigest SHA-256 (hex) of the resident's receipt code: enough for the submission
 *                      service to rebuild its receipts from the log, useless to anyone who reads
 *                      the topic and wants to impersonate the resident
 * @param contact       how to reach the resident, in clear: only in tips sent before contact
 *                      details were sealed; {@code null} in every newer one
 * @param happenedOn     the day it happened, when the resident said
 * @param contactConsent whether the resident agreed to be contacted about the tip
 * @param photos         references to the resident's photos in the media store, in their order
 * @param sealedContact  how to reach the resident, sealed with the tip's own data key (see
 *                       {@link SealedContact}); {@code null} when they stayed anonymous
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
        Instant submittedAt,
        LocalDate happenedOn,
        Boolean contactConsent,
        List<PhotoReference> photos,
        SealedContact sealedContact)
        implements NewsdeskEvent {

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
        // Events written before the form asked have no consent: no answer means no.
        contactConsent = Boolean.TRUE.equals(contactConsent);
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** A tip as residents sent them before contact details were sealed. */
    public TipSubmitted(
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
            Instant submittedAt,
            LocalDate happenedOn,
            Boolean contactConsent,
            List<PhotoReference> photos) {
        this(
                eventId,
                schemaVersion,
                occurredAt,
                tipId,
                revision,
                receiptDigest,
                headline,
                body,
                area,
                category,
                contact,
                submittedAt,
                happenedOn,
                contactConsent,
                photos,
                null);
    }

    /** A tip as residents sent them before the form asked for a date, consent and photos. */
    public TipSubmitted(
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
            Instant submittedAt) {
        this(
                eventId,
                schemaVersion,
                occurredAt,
                tipId,
                revision,
                receiptDigest,
                headline,
                body,
                area,
                category,
                contact,
                submittedAt,
                null,
                false,
                List.of(),
                null);
    }

    public static TipSubmitted of(
            String tipId,
            String receiptDigest,
            String headline,
            String body,
            String area,
            String category,
            Contact contact,
            Instant submittedAt) {
        return new TipSubmitted(
                UUID.randomUUID(),
                SCHEMA_VERSION,
                submittedAt,
                tipId,
                1,
                receiptDigest,
                headline,
                body,
                area,
                category,
                contact,
                submittedAt);
    }

    public static TipSubmitted of(
            String tipId,
            String receiptDigest,
            String headline,
            String body,
            String area,
            String category,
            Contact contact,
            Instant submittedAt,
            LocalDate happenedOn,
            boolean contactConsent,
            List<PhotoReference> photos) {
        return new TipSubmitted(
                UUID.randomUUID(),
                SCHEMA_VERSION,
                submittedAt,
                tipId,
                1,
                receiptDigest,
                headline,
                body,
                area,
                category,
                contact,
                submittedAt,
                happenedOn,
                contactConsent,
                photos);
    }

    /** A tip as residents send it now: their contact details sealed before it is stored or announced. */
    public static TipSubmitted sealed(
            String tipId,
            String receiptDigest,
            String headline,
            String body,
            String area,
            String category,
            SealedContact sealedContact,
            Instant submittedAt,
            LocalDate happenedOn,
            boolean contactConsent,
            List<PhotoReference> photos) {
        return new TipSubmitted(
                UUID.randomUUID(),
                SCHEMA_VERSION,
                submittedAt,
                tipId,
                1,
                receiptDigest,
                headline,
                body,
                area,
                category,
                null,
                submittedAt,
                happenedOn,
                contactConsent,
                photos,
                sealedContact);
    }

    /**
     * What a resident chose to tell about themselves, in clear; each part may be {@code null}. Only
     * tips sent before sealing carry it on the topic; a service that opened a {@link SealedContact}
     * holds it in memory, never in a store or an event. Its string
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
