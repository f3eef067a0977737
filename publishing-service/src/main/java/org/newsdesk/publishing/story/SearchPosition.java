package org.newsdesk.publishing.story;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.newsdesk.web.paging.PageCursor;

/**
 * A place in the best-match-first order of a search: stories matching more of the query's words
 * first, then those with more of them in the headline, then the newest, and the id to break ties.
 * A story's place depends on the story alone, never on what else exists, so a search paged by
 * this position neither repeats nor skips a story while others are published.
 *
 * <p>Its cursor is of kind {@value #KIND}: {@code s1:words:headlineWords:millis:id}.
 */
public record SearchPosition(int wordsMatched, int headlineWords, Instant publishedAt, String id)
        implements StoryListPosition {

    static final String KIND = "s1";

    /** Best match first. */
    static final Comparator<SearchPosition> BEST_FIRST = Comparator.comparingInt(SearchPosition::wordsMatched)
            .reversed()
            .thenComparing(
                    Comparator.comparingInt(SearchPosition::headlineWords).reversed())
            .thenComparing(Comparator.comparing(SearchPosition::publishedAt).reversed())
            .thenComparing(Comparator.comparing(SearchPosition::id).reversed());

    public SearchPosition {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(id, "id");
        if (wordsMatched < 0 || headlineWords < 0 || headlineWords > wordsMatched) {
            throw new IllegalArgumentException("A story matches no fewer words in all than in its headline");
        }
    }

    /**
     * The position a cursor stands for; {@code null} for none (the first page).
     *
     * @throws IllegalArgumentException for anything but a search cursor this service handed out
     */
    public static SearchPosition valueOf(String cursor) {
        return PageCursor.read(
                cursor,
                KIND,
                4,
                fields -> new SearchPosition(
                        Integer.parseInt(fields.get(0)),
                        Integer.parseInt(fields.get(1)),
                        Instant.ofEpochMilli(Long.parseLong(fields.get(2))),
                        fields.get(3)));
    }

    @Override
    public String cursor() {
        return PageCursor.encode(KIND, wordsMatched, headlineWords, publishedAt.toEpochMilli(), id);
    }
}
