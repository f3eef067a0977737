package org.newsdesk.moderation.queue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.QueueFilter;
import org.newsdesk.moderation.tip.QueuePosition;
import org.newsdesk.web.paging.PageLimit;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Which page of the queue a moderator asks for: the API's query and the queue page's links alike.
 *
 * @param limit    how many tips, when not the configured page size
 * @param cursor   where the previous page ended; from the oldest tip when not given
 * @param area     only the tips of this area, whatever its case; "Somewhere else" for those of
 *                 none of the configured areas
 * @param category only the tips of this category, likewise ("Not in the list" for the rest)
 * @param list     {@code waiting} or {@code held}: one list only; when not given, the address says
 *                 ({@code /queue}, {@code /queue/held}), and the API lists both as it always has
 */
record QueueQuery(
        @PageLimit(max = ModerationProperties.Queue.MOST_ITEMS)
        String limit,

        @Valid QueuePosition cursor,

        @Size(max = MAX_FILTER, message = "must be at most {max} characters")
        String area,

        @Size(max = MAX_FILTER, message = "must be at most {max} characters")
        String category,

        @Pattern(regexp = "waiting|held", message = "must be waiting or held")
        String list) {

    static final int MAX_FILTER = 200;

    QueueQuery {
        area = area == null || area.isBlank() ? null : area.strip();
        category = category == null || category.isBlank() ? null : category.strip();
    }

    QueueFilter filter(QueueFilter.Standing unlessListed, TriageChoices choices) {
        QueueFilter.Standing standing = list == null
                ? unlessListed
                : list.equals("held") ? QueueFilter.Standing.HELD : QueueFilter.Standing.WAITING;
        return new QueueFilter(standing, choices.area(area), choices.category(category));
    }

    /** A link to a list with these filters (not the list or page size), at {@code cursor} when given. */
    String link(String path, String cursor) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        if (area != null) {
            link.queryParam("area", area);
        }
        if (category != null) {
            link.queryParam("category", category);
        }
        if (cursor != null) {
            link.queryParam("cursor", cursor);
        }
        return link.encode().build().toUriString();
    }
}
