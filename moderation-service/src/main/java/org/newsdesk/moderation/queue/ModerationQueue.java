package org.newsdesk.moderation.queue;

import java.util.List;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.QueueFilter;
import org.newsdesk.moderation.tip.QueuePosition;
import org.newsdesk.web.paging.PageLimits;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Pages of the queue, for the API and the queue page alike: the same limits, cursor and filters. */
@Component
public class ModerationQueue {

    private final QueueOrder order;
    private final ModerationProperties.Queue settings;

    ModerationQueue(QueueOrder order, ModerationProperties properties) {
        this.order = order;
        this.settings = properties.queue();
    }

    /**
     * One page, with one more tip looked for than the page shows: whether it exists decides
     * whether there is a next page. The count follows the page, which may have found tips that
     * no longer wait.
     */
    Mono<Page> page(QueueQuery query) {
        int limit = PageLimits.orDefault(query.limit(), settings.pageItems());
        QueueFilter filter = query.filter();
        return order.waitingAfter(query.cursor(), filter, limit + 1)
                .flatMap(found -> order.waiting(filter).map(waiting -> {
                    boolean more = found.size() > limit;
                    List<ModeratedTip> shown = more ? found.subList(0, limit) : found;
                    String next = more
                            ? QueuePosition.after(shown.get(shown.size() - 1)).cursor()
                            : null;
                    return new Page(List.copyOf(shown), next, waiting);
                }));
    }

    record Page(List<ModeratedTip> tips, String next, long waiting) {}
}
