package org.newsdesk.publishing.story;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Finds the stories a list or a search shows, and the areas and categories there are: what the
 * repository and the pages ask whichever store holds the stories. It answers positions, never
 * stories, so the repository reads the stories themselves by id.
 */
interface StorySearch {

    /**
     * Makes stories findable as stored, one or many at once (the rebuild's batches); a revision
     * already made findable changes nothing.
     */
    Mono<Void> index(List<Story> stories);

    /** Whether the story's revision, or a later one, is findable. */
    Mono<Boolean> indexed(Story story);

    /** Up to {@code count} stories of the query's area and category, newest first, after {@code after}. */
    Mono<List<StoryPosition>> newest(StoryQuery query, @Nullable StoryPosition after, int count);

    /** Up to {@code count} stories matching any of the query's words, best match first, after {@code after}. */
    Mono<List<SearchPosition>> best(StoryQuery query, @Nullable SearchPosition after, int count);

    /** The areas ({@code "area"}) or categories ({@code "category"}) with stories, by key, with their names. */
    Mono<Map<String, String>> sections(String kind);

    /** The name of an area or category, empty when no story was ever published in it. */
    Mono<String> sectionName(String kind, String key);

    /** The collections it keeps, emptied before a rebuild. */
    List<String> collections();
}
