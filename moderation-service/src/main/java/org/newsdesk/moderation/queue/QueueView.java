package org.newsdesk.moderation.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.QueueEntry;
import org.newsdesk.moderation.tip.QueueFilter;
import org.newsdesk.moderation.tip.QueuePosition;
import org.newsdesk.moderation.tip.TipState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The order of the waiting tips, kept in memory by each instance, so that a page of the queue
 * reads only its own tips by id. It exists for MongoDB servers that use no secondary index (the
 * embedded run's mongo-java-server only uses an index for a query on {@code _id} alone): there,
 * every page and every count would otherwise read all waiting tips, which at 10,000 of them made a
 * page cost about 0.3 s and let four clients get 3 pages a second.
 *
 * <p>MongoDB stays the truth. This view only proposes which tips are on a page; they are then read
 * by id and dropped if they are no longer waiting. It learns of changes from {@link QueueChanges}:
 * at once for this instance's own, within a poll for other instances', and it reads the whole queue
 * again now and then, for changes that reached MongoDB without a notice (a crash in between, a rebuild).
 */
@Component
public class QueueView implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueueView.class);

    private static final int CHANGES_BATCH = 500;

    private final ModeratedTips tips;
    private final QueueChanges changes;
    private final Duration resyncEvery;
    private final NavigableMap<QueuePosition, QueueEntry> byPosition = new ConcurrentSkipListMap<>();
    private final Map<String, QueuePosition> positions = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong(-1);
    private volatile boolean loaded;
    private final List<Disposable> running = new ArrayList<>();

    QueueView(ModeratedTips tips, QueueChanges changes,
            @Value("${newsdesk.moderation.queue.resync-interval:30s}") Duration resyncEvery) {
        this.tips = tips;
        this.changes = changes;
        this.resyncEvery = resyncEvery;
        changes.onLocalChange(this::refresh);
    }

    /** Whether the view has read the queue once; until then pages come from MongoDB's own query. */
    boolean loaded() {
        return loaded;
    }

    @Override
    public void run(ApplicationArguments args) {
        running.add(Flux.interval(Duration.ZERO, resyncEvery)
                .onBackpressureDrop()
                .concatMap(tick -> resync().onErrorResume(error -> {
                    log.warn("Could not read the queue into memory: {}", error.toString());
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

    /** Reads the whole queue and brings the view in line with it. */
    public Mono<Void> resync() {
        return changes.newest().flatMap(newest -> tips.pendingEntries().collectList().flatMap(entries -> {
            Set<String> pending = new HashSet<>();
            entries.forEach(entry -> {
                pending.add(entry.tipId());
                put(entry);
            });
            // Tips gone from the scan are checked one by one, so a change made during the scan wins.
            List<String> gone = positions.keySet().stream().filter(id -> !pending.contains(id)).toList();
            return Flux.fromIterable(gone).concatMap(this::refresh).then(Mono.fromRunnable(() -> {
                applied.accumulateAndGet(newest, Math::max);
                loaded = true;
            }));
        }));
    }

    /** Reads one tip by id and puts it where it belongs, or out of the view if it no longer waits. */
    Mono<Void> refresh(String tipId) {
        return tips.findAll(List.of(tipId)).collectList().doOnNext(found -> {
            if (found.isEmpty() || found.get(0).state() != TipState.PENDING) {
                remove(tipId);
            }
            else {
                put(QueueEntry.of(found.get(0)));
            }
        }).then();
    }

    private Mono<Void> catchUp() {
        long from = applied.get();
        if (from < 0) {
            return Mono.empty();
        }
        return changes.after(from, CHANGES_BATCH)
                .concatMap(change -> refresh(change.tipId()).then(Mono.fromRunnable(
                        () -> applied.accumulateAndGet(change.seq(), Math::max))))
                .then();
    }

    /** Up to {@code limit} candidates after {@code after} (from the start when null) that match the filter. */
    List<QueueEntry> candidates(QueueFilter filter, QueuePosition after, int limit) {
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

    long waiting(QueueFilter filter) {
        return byPosition.values().stream().filter(entry -> entry.matches(filter)).count();
    }

    /** A candidate that turned out not to wait any more. */
    void remove(String tipId) {
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

    /** Whether a tip read for a page still belongs on it. */
    static boolean stillWaiting(ModeratedTip tip, QueueFilter filter) {
        return tip.state() == TipState.PENDING && QueueEntry.of(tip).matches(filter);
    }
}
