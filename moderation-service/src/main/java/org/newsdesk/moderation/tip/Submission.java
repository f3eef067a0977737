package org.newsdesk.moderation.tip;

import java.time.Instant;

import org.newsdesk.events.TipSubmitted;

/**
 * What the resident sent, exactly as it arrived. Never changed afterwards: a moderator's edits live
 * in the {@link Decision}, beside the original.
 *
 * @param eventId the {@code TipSubmitted} event this came from, to trace a queue entry back to the log
 * @param contact how to reach the resident, or {@code null} when they stayed anonymous
 */
public record Submission(
        String eventId,
        String headline,
        String body,
        String area,
        String category,
        Contact contact,
        Instant submittedAt) {

    public static Submission from(TipSubmitted event) {
        TipSubmitted.Contact contact = event.contact();
        return new Submission(event.eventId().toString(), event.headline(), event.body(), event.area(),
                event.category(), contact == null ? null : new Contact(contact.name(), contact.email(), contact.phone()),
                event.submittedAt());
    }

    /** Each part may be {@code null}. Left out of the string form, which logs and exception messages may show. */
    public record Contact(String name, String email, String phone) {

        @Override
        public String toString() {
            return "Contact[redacted]";
        }
    }
}
