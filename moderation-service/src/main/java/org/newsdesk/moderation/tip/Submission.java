package org.newsdesk.moderation.tip;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.SealedContact;
import org.newsdesk.events.TipSubmitted;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * What the resident sent, exactly as it arrived. Never changed afterwards, but for the erasure of
 * the resident's contact details: a moderator's edits live in the {@link Decision}, beside the original.
 *
 * @param eventId        the {@code TipSubmitted} event this came from, to trace a queue entry back to the log
 * @param contact        how to reach the resident, in clear: only tips sent before contact details
 *                       were sealed have it; {@code null} in every newer one
 * @param happenedOn     the day it happened, when the resident said
 * @param contactConsent whether the resident agreed to be contacted about the tip
 * @param photos         the resident's photos in the media store, in their order
 * @param sealedContact  how to reach the resident, sealed with the tip's own data key: opened only
 *                       to show a moderator; {@code null} when they stayed anonymous. Erasure drops
 *                       it and {@link #contact}, the one change a submission ever sees
 */
public record Submission(
        String eventId,
        String headline,
        String body,
        String area,
        String category,
        Contact contact,
        Instant submittedAt,
        LocalDate happenedOn,
        boolean contactConsent,
        List<PhotoReference> photos,
        SealedContact sealedContact) {

    @PersistenceCreator
    public Submission {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** A submission as residents sent them before the form asked for a date, consent and photos. */
    public Submission(
            String eventId,
            String headline,
            String body,
            String area,
            String category,
            Contact contact,
            Instant submittedAt) {
        this(eventId, headline, body, area, category, contact, submittedAt, null, false, List.of(), null);
    }

    public static Submission from(TipSubmitted event) {
        TipSubmitted.Contact contact = event.contact();
        return new Submission(
                event.eventId().toString(),
                event.headline(),
                event.body(),
                event.area(),
                event.category(),
                contact == null ? null : new Contact(contact.name(), contact.email(), contact.phone()),
                event.submittedAt(),
                event.happenedOn(),
                Boolean.TRUE.equals(event.contactConsent()),
                event.photos(),
                event.sealedContact() == null || event.sealedContact().isEmpty() ? null : event.sealedContact());
    }

    /** Whether the resident left a way to reach them that the tip still keeps (sealed or, for old tips, in clear). */
    public boolean hasContact() {
        return sealedContact != null || contact != null;
    }

    /** The resident's photo with this id, if they sent one. */
    public Optional<PhotoReference> photo(String photoId) {
        return photos.stream().filter(photo -> photo.id().equals(photoId)).findFirst();
    }

    /** Each part may be {@code null}. Left out of the string form, which logs and exception messages may show. */
    public record Contact(String name, String email, String phone) {

        @Override
        public String toString() {
            return "Contact[redacted]";
        }
    }
}
