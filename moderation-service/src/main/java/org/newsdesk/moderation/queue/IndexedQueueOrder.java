package org.newsdesk.moderation.queue;

import java.util.List;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.QueueFilter;
import org.newsdesk.moderation.tip.QueuePosition;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The queue's order as MongoDB keeps it: a page and a count straight from the queue's indexes. */
@Component
public class IndexedQueueOrder implements QueueOrder {

    private final ModeratedTips tips;

    IndexedQueueOrder(ModeratedTips tips) {
        this.tips = tips;
    }

    @Override
    public Mono<List<ModeratedTip>> waitingAfter(QueuePosition after, QueueFilter filter, int limit) {
        return tips.pending(filter, after, limit).collectList();
    }

    @Override
    public Mono<Long> waiting(QueueFilter filter) {
        return tips.waiting(filter);
    }
}
