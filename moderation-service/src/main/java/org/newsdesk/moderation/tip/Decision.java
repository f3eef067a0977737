package org.newsdesk.moderation.tip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * A moderator's decision on a tip. A tip put on hold is decided again later; the final decision
 * (approved, rejected, duplicate) is immutable once stored.
 *
 * @param eventId     id of the {@code TipDecided} event that announces this decision; fixed when the
 *                    decision is made so that a re-sent announcement is recognisably the same event
 * @param headline    the headline to publish: the moderator's edit, or the resident's own words
 * @param body        the body to publish, likewise
 * @param original    the resident's own words, kept beside any edit so the record shows what changed
 * @param reason      why, as the resident will read it; required when the tip was declined
 * @param reasonCode  the configured decline reason picked, if one was
 * @param photos      the resident's photos chosen for the story, with their captions
 * @param duplicateOf the tip this one repeats
 * @param note        the moderators' own note, never shown to the resident
 */
public record Decision(
        String eventId,
        TipDecided.Outcome outcome,
        String headline,
        String body,
        OriginalText original,
        String reason,
        String decidedBy,
        Instant decidedAt,
        String reasonCode,
        List<StoryPhoto> photos,
        String duplicateOf,
        String note) {

    @PersistenceCreator
    public Decision {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** An approval or rejection as the API made them before photos, holds and duplicates. */
    public Decision(
            String eventId,
            TipDecided.Outcome outcome,
            String headline,
            String body,
            OriginalText original,
            String reason,
            String decidedBy,
            Instant decidedAt) {
        this(eventId, outcome, headline, body, original, reason, decidedBy, decidedAt, null, List.of(), null, null);
    }

    /** The names of the fields whose published text differs from what the resident wrote. */
    public List<String> edits() {
        return changes().stream().map(HistoryEntry.Change::field).toList();
    }

    /** Each edited field with the resident's words before and the moderator's after. */
    public List<HistoryEntry.Change> changes() {
        List<HistoryEntry.Change> changes = new ArrayList<>(2);
        if (headline != null && !Objects.equals(headline, original.headline())) {
            changes.add(new HistoryEntry.Change("headline", original.headline(), headline));
        }
        if (body != null && !Objects.equals(body, original.body())) {
            changes.add(new HistoryEntry.Change("body", original.body(), body));
        }
        return List.copyOf(changes);
    }

    public record OriginalText(String headline, String body) {}
}
