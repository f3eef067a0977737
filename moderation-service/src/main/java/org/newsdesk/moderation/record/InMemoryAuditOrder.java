package org.newsdesk.moderation.record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
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
 * The record's order kept in memory by each instance (a line's time, id, actor and act, not its
 * detail), so that a page of the record reads only its own lines, by id. It exists for MongoDB
 * servers that use no secondary index (the embedded run's mongo-java-server): there, every filtered
 * page would otherwise read and sort the whole record. On real MongoDB it costs a read of four
 * fields per line now and then and answers the same; it holds about 150 bytes a line.
 *
 * <p>The record is append-only, which keeps this simple: nothing ever leaves the order. It reads
 * the whole order once at start, learns this instance's lines as they are recorded, and other
 * instances' by reading every {@code newsdesk.record.resync-interval} the lines recorded since the
 * last read (less a margin for clocks that disagree), never the whole record again; until it has
 * read it once, pages come from {@link IndexedAuditOrder}.
 */
@Component
@Primary
class InMemoryAuditOrder implements AuditOrder, ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InMemoryAuditOrder.class);

    private final EditorialRecord record;
    private final IndexedAuditOrder untilLoaded;
    private final Duration resyncEvery;
    private final NavigableMap<AuditPosition, Place> order = new ConcurrentSkipListMap<>();
    /** Clocks of instances may disagree by this much, and a line read again changes nothing. */
    private static final Duration CLOCKS_MAY_DIFFER_BY = Duration.ofMinutes(1);

    private volatile boolean loaded;
    /** When the last read that succeeded began; null until the whole order has been read once. */
    private volatile Instant readSince;

    private volatile Disposable resyncing;

    private record Place(AuditPosition position, String actor, Act act) {}

    InMemoryAuditOrder(EditorialRecord record, IndexedAuditOrder untilLoaded, RecordProperties settings) {
        this.record = record;
        this.untilLoaded = untilLoaded;
        this.resyncEvery = settings.resyncInterval();
        record.onAppended(this::put);
    }

    @Override
    public Mono<List<EditorialAct>> page(AuditFilter filter, AuditPosition after, int limit) {
        if (!loaded) {
            return untilLoaded.page(filter, after, limit);
        }
        List<AuditPosition> candidates = candidates(filter, after, limit);
        if (candidates.isEmpty()) {
            return Mono.just(List.of());
        }
        return record.findAll(candidates.stream().map(AuditPosition::id).toList())
                .collectMap(EditorialAct::id)
                .map(byId -> candidates.stream()
                        .map(position -> byId.get(position.id()))
                        .filter(act -> act != null)
                        .toList());
    }

    /**
     * Reads the order of the lines recorded since the last read began (all of them the first time);
     * lines already known are put again, which changes nothing.
     */
    Mono<Void> resync() {
        return Mono.defer(() -> {
            Instant began = Instant.now();
            Instant since = readSince == null ? null : readSince.minus(CLOCKS_MAY_DIFFER_BY);
            return record.places(since).doOnNext(this::put).then(Mono.fromRunnable(() -> {
                readSince = began;
                loaded = true;
            }));
        });
    }

    @Override
    public void run(ApplicationArguments args) {
        resyncing = Flux.interval(Duration.ZERO, resyncEvery)
                .onBackpressureDrop()
                .concatMap(tick -> resync().onErrorResume(error -> {
                    log.warn(
                            "Could not read the editorial record's order: {}",
                            error.getClass().getName());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void destroy() {
        if (resyncing != null) {
            resyncing.dispose();
        }
    }

    private List<AuditPosition> candidates(AuditFilter filter, AuditPosition after, int limit) {
        // Newest first: every line before "to" follows the position (to, "") in the order.
        AuditPosition start = filter.to() == null ? null : new AuditPosition(filter.to(), "");
        if (after != null && (start == null || after.compareTo(start) > 0)) {
            start = after;
        }
        NavigableMap<AuditPosition, Place> from = start == null ? order : order.tailMap(start, false);
        List<AuditPosition> found = new ArrayList<>(limit);
        for (Map.Entry<AuditPosition, Place> entry : from.entrySet()) {
            Place place = entry.getValue();
            if (filter.from() != null && place.position().at().isBefore(filter.from())) {
                break;
            }
            if (filter.matches(place.actor(), place.act(), place.position().at())) {
                found.add(place.position());
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return found;
    }

    private void put(EditorialAct act) {
        AuditPosition position = AuditPosition.of(act);
        order.put(position, new Place(position, act.actor(), act.act()));
    }
}
