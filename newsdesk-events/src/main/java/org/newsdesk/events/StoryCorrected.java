package org.newsdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An editor corrected a published story in public. Travels on {@link Topics#TIPS_DECIDED}, after
 * the decision that published the story, keyed by the same tip id and counted in the same
 * revisions (the moderated tip's), so one partition keeps a story's whole editorial chain in order.
 *
 * <p>It carries the story's whole text as corrected, not a difference: a consumer keeps the text of
 * the newest revision it has seen and every correction's note, so a redelivery, a replay or a
 * correction that arrives before its story all end in the same story.
 *
 * @param headline    the headline as it now reads (unchanged when the correction left it alone)
 * @param body        the body as it now reads, likewise
 * @param note        the public note readers see at the top of the story ("Corrected on ...: note")
 * @param correctedBy the editor's account name: for the newsroom's record, never shown to readers
 * @param correctedAt when the editor made the correction; the date the public note carries
 */
public record StoryCorrected(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String tipId,
        long revision,
        String headline,
        String body,
        String note,
        String correctedBy,
        Instant correctedAt)
        implements NewsdeskEvent {

    public static final String TYPE = "newsdesk.story-corrected";
    public static final int SCHEMA_VERSION = 1;

    public StoryCorrected {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tipId, "tipId");
        revision = NewsdeskEvent.firstRevisionIfMissing(revision);
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(correctedAt, "correctedAt");
    }
}
