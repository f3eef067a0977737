package org.newsdesk.moderation.queue;

import java.util.List;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.QueueFilter;
import org.newsdesk.moderation.tip.QueuePosition;
import reactor.core.publisher.Mono;

/**
 * The queue's order: the waiting tips, the longest-waiting first (submission time, then id, a
 * total order, so paging neither skips nor repeats a tip), and how many of them wait. Real
 * MongoDB answers both from the queue's indexes ({@link IndexedQueueOrder}); a server that uses
 * no secondary index, as the embedded run's mongo-java-server, needs the order kept in memory
 * ({@link InMemoryQueueOrder}).
 */
interface QueueOrder {

    /** Up to {@code limit} waiting tips that match the filter, in order, after {@code after} (from the start when null). */
    Mono<List<ModeratedTip>> waitingAfter(QueuePosition after, QueueFilter filter, int limit);

    /** How many tips wait that match the filter. */
    Mono<Long> waiting(QueueFilter filter);
}
