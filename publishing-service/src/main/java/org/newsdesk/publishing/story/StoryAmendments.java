package org.newsdesk.publishing.story;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the editors did to a story after its publication, as the log told it: every correction (by
 * its event's id) and the retraction. Kept apart from the story, and written before the story is
 * looked at, so one that arrives before its story (after a restart, in a rebuild, or when the
 * decision was dead-lettered and is re-driven later) waits here, invisible to readers, and is
 * applied as soon as the story is stored.
 */
@Document(StoryAmendments.COLLECTION)
record StoryAmendments(
        @Id String tipId,
        @Nullable Map<String, Corrected> corrections,
        @Nullable Withdrawn retraction) {

    static final String COLLECTION = "story_amendments";

    StoryAmendments {
        corrections = corrections == null ? Map.of() : Map.copyOf(corrections);
    }

    /** A correction: the whole text as corrected, its public note, and its revision. */
    record Corrected(long revision, String headline, String body, String note, Instant at) {}

    /** The retraction, with its event's id for the corrections column. */
    record Withdrawn(String eventId, long revision, String reason, Instant at) {}
}
