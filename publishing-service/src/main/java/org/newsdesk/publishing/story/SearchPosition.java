package org.newsdesk.publishing.story;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A place in the best-match-first order of a search: stories matching more of the query's words
 * first, then those with more of them in the headline, then the newest, and the id to break ties.
 * A story's place depends on the story alone, never on what else exists, so a search paged by
 * this position neither repeats nor skips a story while others are published.
 */
public record SearchPosition(int wordsMatched, int headlineWords, Instant publishedAt, String id) {

    /** Best match first. */
    static final Comparator<SearchPosition> BEST_FIRST = Comparator
            .comparingInt(SearchPosition::wordsMatched).reversed()
            .thenComparing(Comparator.comparingInt(SearchPosition::headlineWords).reversed())
            .thenComparing(Comparator.comparing(SearchPosition::publishedAt).reversed())
            .thenComparing(Comparator.comparing(SearchPosition::id).reversed());

    public SearchPosition {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(id, "id");
    }
}
