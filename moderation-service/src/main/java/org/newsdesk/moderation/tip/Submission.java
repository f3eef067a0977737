package org.newsdesk.moderation.tip;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.TipSubmitted;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * What the resident sent, exactly as it arrived. Never changed afterwards: a moderator's edits live
 * in the {@link Decision}, beside the original.
 *
 * @param eventId        the {@code TipSubmitted} event this came from, to trace a queue entry back to the log
 * @param contact        how to reach the resident, or {@code null} when they stayed anonymous
 * @param happenedOn     the day it happened, when the resident said
 * @param contactConsent whether the resident agreed to be contacted about the tip
 * @param photos         the resident's photos in the media store, in their order
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
        List<PhotoReference> photos) {

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
        this(eventId, headline, body, area, category, contact, submittedAt, null, false, List.of());
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
                event.photos());
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
