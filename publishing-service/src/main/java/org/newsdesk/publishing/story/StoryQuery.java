package org.newsdesk.publishing.story;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a reader asks for: stories of an area, of a category, matching some words, or any mix of
 * these; no words means newest first, words mean best match first.
 *
 * @param words       the query's distinct words, folded as the index folds them
 * @param search      whether words were asked for at all: a query of only stop words
 *                    ({@code "the"}) is a search that finds nothing, not the newest stories
 * @param areaKey     the area's key ({@link #key}), empty for every area
 * @param categoryKey the category's key, empty for every category
 */
public record StoryQuery(List<String> words, boolean search, String areaKey, String categoryKey) {

    /** More words than anyone types; beyond them a query is only slower, never better. */
    public static final int MAX_WORDS = 10;

    public static final StoryQuery ALL = new StoryQuery(List.of(), false, "", "");

    public StoryQuery {
        words = List.copyOf(words);
        areaKey = areaKey == null ? "" : areaKey;
        categoryKey = categoryKey == null ? "" : categoryKey;
    }

    /** From what a reader typed: area and category by name or key, words as typed. */
    public static StoryQuery of(@Nullable String text, @Nullable String area, @Nullable String category) {
        List<String> words = new ArrayList<>(Words.of(text));
        return new StoryQuery(
                words.subList(0, Math.min(words.size(), MAX_WORDS)),
                text != null && !text.isBlank(),
                Words.key(area),
                Words.key(category));
    }

    /**
     * The key of an area or a category in addresses and queries: its words, folded, joined by
     * hyphens ({@code Crime and Policing} is {@code crime-and-policing}); empty when it has none.
     */
    public static String key(@Nullable String name) {
        return Words.key(name);
    }

    public static StoryQuery area(String area) {
        return of(null, area, null);
    }

    public static StoryQuery category(String category) {
        return of(null, null, category);
    }

    public boolean isSearch() {
        return search;
    }
}
