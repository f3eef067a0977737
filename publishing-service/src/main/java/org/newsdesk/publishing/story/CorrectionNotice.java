package org.newsdesk.publishing.story;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One line of the public corrections column: a correction or a retraction of a story, as the
 * story stood when it was made. One document per event ({@code _id} = the event's id), written
 * only ever once, so a redelivered or replayed event adds nothing.
 *
 * @param tipId     the story's id
 * @param slug      the story's address, which a correction never changes
 * @param headline  the story's headline as the correction left it, or as it stood when withdrawn
 * @param published when the story was first published
 * @param at        when the editor made the correction or withdrew the story
 * @param text      the public note of a correction, or the public reason of a retraction
 */
@Document(CorrectionNotices.COLLECTION)
public record CorrectionNotice(
        @Id String id,
        Kind kind,
        String tipId,
        String slug,
        String headline,
        Instant published,
        Instant at,
        String text) {

    public enum Kind {
        CORRECTED,
        WITHDRAWN
    }

    public boolean withdrawn() {
        return kind == Kind.WITHDRAWN;
    }

    public NoticePosition position() {
        return new NoticePosition(at, id);
    }
}
