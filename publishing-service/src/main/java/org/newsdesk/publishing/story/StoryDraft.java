package org.newsdesk.publishing.story;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.newsdesk.messaging.tracing.TraceParent;

/**
 * What a story is made of before it has a slug.
 *
 * @param publishedAt      taken from the event, never from the clock, so that a rebuild from the log
 *                         publishes each story at the same moment again
 * @param decisionRevision the revision of the moderators' tip the decision came from
 * @param photos           publishing's copies of the photos the moderator chose, made before the story is stored
 * @param submittedAt      when the resident sent the tip, when the decision says
 * @param trace            the trace the decision arrived in, which the story's announcement continues;
 *                         null when untraced
 */
public record StoryDraft(
        String tipId,
        String headline,
        String body,
        String area,
        String category,
        Instant publishedAt,
        long decisionRevision,
        List<PublishedPhoto> photos,
        @Nullable Instant submittedAt,
        @Nullable TraceParent trace) {

    /** A story made outside any trace (a test's, a rebuild's). */
    public StoryDraft(
            String tipId,
            String headline,
            String body,
            String area,
            String category,
            Instant publishedAt,
            long decisionRevision,
            List<PublishedPhoto> photos,
            @Nullable Instant submittedAt) {
        this(tipId, headline, body, area, category, publishedAt, decisionRevision, photos, submittedAt, null);
    }

    /** A story whose decision does not say when the tip was sent. */
    public StoryDraft(
            String tipId,
            String headline,
            String body,
            String area,
            String category,
            Instant publishedAt,
            long decisionRevision,
            List<PublishedPhoto> photos) {
        this(tipId, headline, body, area, category, publishedAt, decisionRevision, photos, null);
    }

    /** A story without photos. */
    public StoryDraft(
            String tipId,
            String headline,
            String body,
            String area,
            String category,
            Instant publishedAt,
            long decisionRevision) {
        this(tipId, headline, body, area, category, publishedAt, decisionRevision, List.of(), null);
    }

    public StoryDraft {
        Objects.requireNonNull(tipId, "tipId");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(publishedAt, "publishedAt");
        // MongoDB keeps milliseconds: truncating here makes the stored story, the announced event
        // and every page cursor agree on the same instant.
        publishedAt = publishedAt.truncatedTo(ChronoUnit.MILLIS);
        photos = photos == null ? List.of() : List.copyOf(photos);
        submittedAt = submittedAt == null ? null : submittedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    Story withSlug(String slug) {
        return new Story(
                tipId,
                slug,
                headline,
                body,
                area,
                category,
                publishedAt,
                1,
                decisionRevision,
                publishedAt,
                photos,
                headline,
                body,
                decisionRevision,
                Map.of(),
                null,
                submittedAt);
    }
}
