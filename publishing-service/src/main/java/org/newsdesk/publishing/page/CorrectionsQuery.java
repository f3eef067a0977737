package org.newsdesk.publishing.page;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.NoticePosition;
import org.newsdesk.web.paging.PageLimit;

/**
 * Which page of the corrections column a reader asks for.
 *
 * @param limit  how many notices, when not {@value #DEFAULT_LIMIT}
 * @param cursor where the previous page ended; the newest notices when not given
 */
record CorrectionsQuery(
        @PageLimit(max = CorrectionsQuery.MAX_LIMIT) @Nullable
        String limit,

        @Valid @Nullable NoticePosition cursor) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
}
