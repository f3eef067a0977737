package org.newsdesk.publishing.story;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.newsdesk.web.paging.PageCursor;
import org.newsdesk.web.paging.PageLimit;
import org.newsdesk.web.paging.PageLimits;
import org.newsdesk.web.problem.ProblemException;

/**
 * The parameters of {@code GET /api/stories}, bound and validated by the framework. An empty value
 * counts as absent, so {@code ?limit=&cursor=} is the first page. An area or category nobody
 * published in is no error: its list is empty, as it is for an area whose first story is still to
 * come.
 */
record StoriesQuery(
        @Parameter(
                description = "Stories per page, 1 to " + StoriesQuery.MAX_LIMIT + "; " + StoriesQuery.DEFAULT_LIMIT
                        + " when absent",
                schema = @Schema(type = "integer", minimum = "1", maximum = "" + StoriesQuery.MAX_LIMIT))
        @PageLimit(max = StoriesQuery.MAX_LIMIT)
        @Nullable
        String limit,

        @Parameter(
                description = "The `next` of the previous page of the same query, unchanged",
                schema = @Schema(type = "string"))
        @Nullable
        StoryListPosition cursor,

        @Parameter(
                description = "Only stories of this area, by name or key (`Long Eaton` or `long-eaton`); "
                        + "an area without stories gives an empty list")
        @Size(max = StoriesQuery.MAX_SECTION_LENGTH, message = "must be at most {max} characters")
        @SectionName
        @Nullable
        String area,

        @Parameter(description = "Only stories of this category, by name or key")
        @Size(max = StoriesQuery.MAX_SECTION_LENGTH, message = "must be at most {max} characters")
        @SectionName
        @Nullable
        String category,

        @Parameter(description = "Words to search the headline and body for; case and accents do not matter")
        @Size(max = StoriesQuery.MAX_QUERY_LENGTH, message = "must be at most {max} characters")
        @Nullable
        String q) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** Longer than any question a reader types; the index looks at the first ten words anyway. */
    static final int MAX_QUERY_LENGTH = 200;

    static final int MAX_SECTION_LENGTH = 100;

    StoryQuery query() {
        return StoryQuery.of(q, area, category);
    }

    int size() {
        return PageLimits.orDefault(limit, DEFAULT_LIMIT);
    }

    /**
     * Where the list goes on, as a place in the query's own order: a search's cursor in a list, or
     * a list's in a search, is no cursor this query handed out.
     */
    <P extends StoryListPosition> @Nullable P after(Class<P> order) {
        if (cursor != null && !order.isInstance(cursor)) {
            throw ProblemException.invalid("cursor", PageCursor.NOT_OURS);
        }
        return order.cast(cursor);
    }
}
