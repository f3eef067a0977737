package org.newsdesk.moderation.tip;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * An editor's public correction of a published story, kept on the tip beside the decision, which
 * keeps the text as first published.
 *
 * @param eventId  id of the {@code StoryCorrected} event that announces it, fixed when it is made
 * @param revision the tip's revision this correction made
 * @param headline the headline as it reads after the correction
 * @param body     the body as it reads after the correction
 * @param note     the public note readers see at the top of the story
 * @param changes  each field the correction changed, with its words before and after
 */
public record Correction(
        String eventId,
        long revision,
        String headline,
        String body,
        String note,
        String correctedBy,
        Instant correctedAt,
        List<HistoryEntry.Change> changes) {

    @PersistenceCreator
    public Correction {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(correctedBy, "correctedBy");
        Objects.requireNonNull(correctedAt, "correctedAt");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
