package org.newsdesk.publishing.story;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A published story, as readers see it. It is a read model built from {@code TipDecided} events
 * only, so it can be thrown away and rebuilt from the Kafka log.
 *
 * @param id          the tip's id, which is also the Kafka key of everything about it
 * @param slug        the readable, unique part of the story's address
 * @param publishedAt when the moderator approved it, to the millisecond (what MongoDB keeps)
 * @param revision         the story's own revision: 1 when first published, one more with every
 *                         change; its {@code StoryPublished} events carry it
 * @param decisionRevision the revision of the moderators' tip this story was made from, so an older
 *                         or repeated decision never changes it
 * @param updatedAt        when the decision behind the story's current text was made: its
 *                         publication, or its latest correction; what {@code Last-Modified} and the
 *                         feeds' {@code updated} say. Null in stories stored before it was kept.
 * @param photos           the photos published with it, in the moderator's order
 */
@Document(StoryRepository.COLLECTION)
public record Story(
        @Id String id,
        String slug,
        String headline,
        String body,
        String area,
        String category,
        Instant publishedAt,
        long revision,
        long decisionRevision,
        @Nullable Instant updatedAt,
        @Nullable List<PublishedPhoto> photos) {

    public Story {
        // Stories stored before photos were published have none.
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** When the story last changed, for caches and feeds. */
    public Instant lastModified() {
        return updatedAt == null || updatedAt.isBefore(publishedAt) ? publishedAt : updatedAt;
    }
}
