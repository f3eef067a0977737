package org.newsdesk.moderation.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.QueueEntry;
import org.newsdesk.moderation.tip.QueueFilter;
import org.newsdesk.moderation.tip.QueuePosition;
import org.newsdesk.moderation.tip.TipState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The order of the waiting tips, kept in memory by each instance, so that a page of the queue
 * reads only its own tips by id. It exists for MongoDB servers that use no secondary index (the
 * embedded run's mongo-java-server only uses an index for a query on {@code _id} alone): there,
 * every page and every count would otherwise read all waiting tips, which at 10,000 of them made a
 * page cost about 0.3 s and let four clients get 3 pages a second. On real MongoDB it costs one
 * read of the queue's few fields now and then, and answers the same.
 *
 * <p>MongoDB stays the truth. This order only proposes which tips are on a page; they are then read
 * by id and dropped if they are no longer waiting. Until it has read the queue once, pages come
 * from {@link IndexedQueueOrder}. It learns of changes from {@link QueueChanges}: at once for this
 * instance's own, within a poll for other instances', and it reads the whole queue again every
 * {@code newsdesk.moderation.queue.resync-interval}, for changes that reached MongoDB without a
 * notice (a crash in between, a rebuild).
 */
@Component
@Primary
class InMemoryQueueOrder implements QueueOrder, ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InMemoryQueueOrder.class);

    private static final int CHANGES_BATCH = 500;

    private final ModeratedTips tips;
    private final QueueChanges changes;
    private final IndexedQueueOrder untilLoaded;
    private final Duration resyncEvery;
    private final NavigableMap<QueuePosition, QueueEntry> byPosition = new ConcurrentSkipListMap<>();
    private final Map<String, QueuePosition> positions = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong(-1);
    private volatile boolean loaded;
    private final List<Disposable> running = new ArrayList<>();

    InMemoryQueueOrder(
            ModeratedTips tips, QueueChanges changes, IndexedQueueOrder untilLoaded, ModerationProperties settings) {
        this.tips = tips;
        this.changes = changes;
        this.untilLoaded = untilLoaded;
        this.resyncEvery = settings.queue().resyncInterval();
        changes.onLocalChange(this::refresh);
    }

    /**
     * Reads the candidates by id and keeps those still waiting, asking for more candidates until
     * the page is full or there are none left; candidates decided meanwhile leave the order on the way.
     */
    @Override
    public Mono<List<ModeratedTip>> waitingAfter(QueuePosition after, QueueFilter filter, int limit) {
        if (!loaded) {
            return untilLoaded.waitingAfter(after, filter, limit);
        }
        return collect(filter, after, limit, new ArrayList<>());
    }

    @Override
    public Mono<Long> waiting(QueueFilter filter) {
        if (!loaded) {
            return untilLoaded.waiting(filter);
        }
        return Mono.just(byPosition.values().stream()
                .filter(entry -> entry.matches(filter))
                .count());
    }

    @Override
    public void run(ApplicationArguments args) {
        running.add(Flux.interval(Duration.ZERO, resyncEvery)
                .onBackpressureDrop()
                .concatMap(tick -> resync().onErrorResume(error -> {
                    log.warn(
                            "Could not read the queue into memory: {}",
                            error.getClass().getName());
                    return Mono.empty();
                }))
                .subscribe());
        running.add(changes.wakeUps()
                .onBackpressureLatest()
                .concatMap(newest -> catchUp().onErrorResume(error -> Mono.empty()), 1)
                .subscribe());
    }

    @Override
    public void destroy() {
        running.forEach(Disposable::dispose);
    }

    /**
     * Reads the whole queue and brings the order in line with it, then applies the changes recorded
     * since it began. A change recorded while the order was loading woke it too early to be applied
     * ({@link #catchUp} waits for the load), and the wake-up does not come again: without this, a tip
     * that arrived through another instance while this one started stayed off its pages until the
     * next change or resync (seen in {@code TwoOfEverythingTests}: minutes).
     */
    Mono<Void> resync() {
        return changes.newest()
                .flatMap(newest -> tips.pendingEntries().collectList().flatMap(entries -> {
                    Set<String> pending = new HashSet<>();
                    entries.forEach(entry -> {
                        pending.add(entry.tipId());
                        put(entry);
                    });
                    // Tips gone from the scan are checked one by one, so a change made during the scan wins.
                    List<String> gone = positions.keySet().stream()
                            .filter(id -> !pending.contains(id))
                            .toList();
                    return Flux.fromIterable(gone)
                            .buffer(CHANGES_BATCH)
                            .concatMap(this::refresh)
                            .then(Mono.fromRunnable(() -> {
                                applied.accumulateAndGet(newest, Math::max);
                                loaded = true;
                            }));
                }))
                .then(Mono.defer(this::catchUp));
    }

    /** Reads these tips by id and puts each where it belongs, or out of the order if it no longer waits. */
    private Mono<Void> refresh(Collection<String> tipIds) {
        return tips.findAll(tipIds)
                .collectMap(ModeratedTip::tipId)
                .doOnNext(found -> tipIds.forEach(tipId -> {
                    ModeratedTip tip = found.get(tipId);
                    if (tip == null || tip.state() != TipState.PENDING) {
                        remove(tipId);
                    } else {
                        put(QueueEntry.of(tip));
                    }
                }))
                .then();
    }

    /**
     * Applies the changes since the last one applied, a page at a time (one read of the changes, one
     * of their tips), until none is left: a backlog of thousands costs a few dozen reads.
     */
    private Mono<Void> catchUp() {
        long from = applied.get();
        if (from < 0) {
            return Mono.empty();
        }
        return changes.after(from, CHANGES_BATCH).collectList().flatMap(page -> {
            if (page.isEmpty()) {
                return Mono.empty();
            }
            Set<String> touched = new LinkedHashSet<>();
            page.forEach(change -> touched.add(change.tipId()));
            long last = page.get(page.size() - 1).seq();
            return refresh(touched)
                    .then(Mono.fromRunnable(() -> applied.accumulateAndGet(last, Math::max)))
                    .then(Mono.defer(() -> page.size() < CHANGES_BATCH ? Mono.empty() : catchUp()));
        });
    }

    private Mono<List<ModeratedTip>> collect(
            QueueFilter filter, QueuePosition after, int wanted, List<ModeratedTip> found) {
        int needed = wanted - found.size();
        List<QueueEntry> candidates = candidates(filter, after, needed);
        if (candidates.isEmpty()) {
            return Mono.just(found);
        }
        return tips.findAll(candidates.stream().map(QueueEntry::tipId).toList())
                .collectMap(ModeratedTip::tipId)
                .flatMap(byId -> {
                    for (QueueEntry candidate : candidates) {
                        ModeratedTip tip = byId.get(candidate.tipId());
                        if (tip != null
                                && tip.state() == TipState.PENDING
                                && QueueEntry.of(tip).matches(filter)) {
                            found.add(tip);
                        } else if (tip == null || tip.state() != TipState.PENDING) {
                            remove(candidate.tipId());
                        }
                    }
                    if (found.size() >= wanted || candidates.size() < needed) {
                        return Mono.just(found);
                    }
                    return collect(filter, candidates.get(candidates.size() - 1).position(), wanted, found);
                });
    }

    /** Up to {@code limit} candidates after {@code after} (from the start when null) that match the filter. */
    private List<QueueEntry> candidates(QueueFilter filter, QueuePosition after, int limit) {
        List<QueueEntry> found = new ArrayList<>(limit);
        for (QueueEntry entry : (after == null ? byPosition : byPosition.tailMap(after, false)).values()) {
            if (entry.matches(filter)) {
                found.add(entry);
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return found;
    }

    private void remove(String tipId) {
        QueuePosition position = positions.remove(tipId);
        if (position != null) {
            byPosition.remove(position);
        }
    }

    private void put(QueueEntry entry) {
        QueuePosition previous = positions.put(entry.tipId(), entry.position());
        if (previous != null && !previous.equals(entry.position())) {
            byPosition.remove(previous);
        }
        byPosition.put(entry.position(), entry);
    }
}
