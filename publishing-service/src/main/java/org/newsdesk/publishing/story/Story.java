package org.newsdesk.publishing.story;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A published story, as readers see it. It is a read model built from the events on
 * {@code newsdesk.tips.decided} only (decisions, corrections, retractions), so it can be thrown
 * away and rebuilt from the Kafka log.
 *
 * @param id               the tip's id, which is also the Kafka key of everything about it
 * @param slug             the readable, unique part of the story's address
 * @param publishedAt      when the moderator approved it, to the millisecond (what MongoDB keeps)
 * @param revision         the story's own revision: 1 when first published, one more with every
 *                         change; its {@code StoryPublished} events carry it
 * @param decisionRevision the revision of the moderators' tip this story was made from, so an older
 *                         or repeated decision never changes it
 * @param updatedAt        when the decision behind the story's current text was made: its
 *                         publication, or its latest correction; what {@code Last-Modified} and the
 *                         feeds' {@code updated} say. Null in stories stored before it was kept.
 * @param photos           the photos published with it, in the moderator's order
 * @param originalHeadline the headline as first published, kept on record however it is corrected
 *                         (null in stories stored before it was kept)
 * @param originalBody     the body as first published, likewise
 * @param textRevision     the moderated tip's revision the current headline and body come from (a
 *                         decision's or a correction's): only a newer one replaces them, so
 *                         corrections and decisions read in any order end in the same text. 0 in
 *                         stories stored before it was kept: their decision revision then.
 * @param corrections      every public correction, by the id of its event, so one read twice is
 *                         kept once
 * @param retraction       the editors' withdrawal; once set it stays (a retraction is final)
 * @param submittedAt      when the resident sent the tip, when the decision said
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
        @Nullable List<PublishedPhoto> photos,
        @Nullable String originalHeadline,
        @Nullable String originalBody,
        long textRevision,
        @Nullable Map<String, Correction> corrections,
        @Nullable Retraction retraction,
        @Nullable Instant submittedAt) {

    public Story {
        // Stories stored before photos were published have none.
        photos = photos == null ? List.of() : List.copyOf(photos);
        corrections = corrections == null ? Map.of() : Map.copyOf(corrections);
    }

    /**
     * A public correction: when the editor made it and the note readers read.
     *
     * @param revision the moderated tip's revision of the correction, which decides whose text wins
     */
    public record Correction(Instant at, String note, long revision) {}

    /** The story's withdrawal: when, and the public reason. */
    public record Retraction(Instant at, String reason) {}

    /** When the story last changed, for caches and feeds. */
    public Instant lastModified() {
        return updatedAt == null || updatedAt.isBefore(publishedAt) ? publishedAt : updatedAt;
    }

    /** Whether the editors withdrew it: then readers get nothing of it but that it was withdrawn. */
    public boolean retracted() {
        return retraction != null;
    }

    /** The corrections, oldest first. */
    public List<Correction> correctionsInOrder() {
        return corrections.values().stream()
                .sorted(Comparator.comparing(Correction::at).thenComparingLong(Correction::revision))
                .toList();
    }

    /** The revision the current text comes from. */
    long currentTextRevision() {
        return Math.max(textRevision, decisionRevision);
    }
}
