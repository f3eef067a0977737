package org.newsdesk.publishing.copies;

import org.jspecify.annotations.Nullable;

/**
 * What a rendered copy shows, so a story event drops exactly the copies it can change: a list of
 * stories (all of them, or an area's or a category's, by key), one story, the corrections column,
 * or a search's results (which any story change can alter).
 *
 * @param area     for a list, the key of the only area it shows; null for every area
 * @param category for a list, the key of the only category it shows; null for every category
 * @param slug     for a story, its slug
 */
record CopyScope(
        Shows shows,
        @Nullable String area,
        @Nullable String category,
        @Nullable String slug) {

    enum Shows {
        LIST,
        STORY,
        CORRECTIONS,
        SEARCH
    }

    static CopyScope list(@Nullable String area, @Nullable String category) {
        return new CopyScope(Shows.LIST, area, category, null);
    }

    static CopyScope story(String slug) {
        return new CopyScope(Shows.STORY, null, null, slug);
    }

    static CopyScope corrections() {
        return new CopyScope(Shows.CORRECTIONS, null, null, null);
    }

    static CopyScope search() {
        return new CopyScope(Shows.SEARCH, null, null, null);
    }

    /** Whether the change can alter what this copy shows. */
    boolean changedBy(StoryChange change) {
        return switch (shows) {
            case STORY -> slug.equals(change.slug());
            case CORRECTIONS -> change.notices();
            // A story's words, headline, place or mere presence can change any search's results.
            case SEARCH -> true;
            case LIST ->
                change.everyList()
                        || (change.area() != null
                                && (area == null || area.equals(change.area()))
                                && (category == null || category.equals(change.category())));
        };
    }
}
