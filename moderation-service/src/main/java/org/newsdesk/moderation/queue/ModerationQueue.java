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
    private final TriageChoices choices;

    ModerationQueue(QueueOrder order, ModerationProperties properties) {
        this.order = order;
        this.settings = properties.queue();
        this.choices = new TriageChoices(properties);
    }

    /**
     * One page, with one more tip looked for than the page shows: whether it exists decides
     * whether there is a next page. The count follows the page, which may have found tips that
     * no longer wait.
     *
     * @param unlessListed the list shown when the query names none
     */
    Mono<Page> page(QueueQuery query, QueueFilter.Standing unlessListed) {
        int limit = PageLimits.orDefault(query.limit(), settings.pageItems());
        QueueFilter filter = query.filter(unlessListed, choices);
        return order.waitingAfter(query.cursor(), filter, limit + 1)
                .flatMap(found -> order.waiting(filter).map(count -> {
                    boolean more = found.size() > limit;
                    List<ModeratedTip> shown = more ? found.subList(0, limit) : found;
                    String next = more
                            ? QueuePosition.after(shown.get(shown.size() - 1)).cursor()
                            : null;
                    return new Page(List.copyOf(shown), next, count, filter);
                }));
    }

    /** How many undecided tips match the filter. */
    Mono<Long> count(QueueFilter filter) {
        return order.waiting(filter);
    }

    TriageChoices choices() {
        return choices;
    }

    /** @param count how many tips match the filter, on every page; {@code filter} is what the query asked for */
    record Page(List<ModeratedTip> tips, String next, long count, QueueFilter filter) {}
}
