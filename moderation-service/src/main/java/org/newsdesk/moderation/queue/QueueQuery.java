package org.newsdesk.moderation.queue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.QueueFilter;
import org.newsdesk.moderation.tip.QueuePosition;
import org.newsdesk.web.paging.PageLimit;

/**
 * Which page of the queue a moderator asks for: the API's query and the queue page's links alike.
 *
 * @param limit    how many tips, when not the configured page size
 * @param cursor   where the previous page ended; from the oldest tip when not given
 * @param area     only the tips of this area
 * @param category only the tips of this category
 */
record QueueQuery(
        @PageLimit(max = ModerationProperties.Queue.MOST_ITEMS)
        String limit,

        @Valid QueuePosition cursor,

        @Size(max = MAX_FILTER, message = "must be at most {max} characters")
        String area,

        @Size(max = MAX_FILTER, message = "must be at most {max} characters")
        String category) {

    static final int MAX_FILTER = 200;

    QueueFilter filter() {
        return new QueueFilter(area, category);
    }
}
