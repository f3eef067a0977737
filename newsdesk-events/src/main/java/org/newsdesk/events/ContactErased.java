package org.newsdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A tip's contact details were erased: its data key is deleted, so its {@link SealedContact},
 * wherever a copy of it lies, can never be opened again. Consumers drop their copy of the sealed
 * details and say "erased" where they showed them; the tip and its story otherwise stay as they
 * are. Topic {@code newsdesk.tips.submitted}, keyed by the tip's id.
 *
 * @param revision the submitted tip's revision, in the same sequence as its {@link TipSubmitted}
 * @param cause    who erased them: the resident, or the retention period running out
 * @param photosErased whether the tip's photos as received went with them (those no story uses)
 */
public record ContactErased(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String tipId,
        long revision,
        Instant erasedAt,
        Cause cause,
        boolean photosErased)
        implements NewsdeskEvent {

    public static final String TYPE = "newsdesk.contact-erased";
    public static final int SCHEMA_VERSION = 1;

    public ContactErased {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tipId, "tipId");
        revision = NewsdeskEvent.firstRevisionIfMissing(revision);
        Objects.requireNonNull(erasedAt, "erasedAt");
        Objects.requireNonNull(cause, "cause");
    }

    public static ContactErased of(String tipId, long revision, Instant erasedAt, Cause cause, boolean photosErased) {
        return new ContactErased(
                UUID.randomUUID(), SCHEMA_VERSION, erasedAt, tipId, revision, erasedAt, cause, photosErased);
    }

    public enum Cause {
        /** The resident asked, on the status page or over the API. */
        RESIDENT,
        /** The configured retention period for the tip's state ran out. */
        RETENTION
    }
}
