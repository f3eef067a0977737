package org.newsdesk.publishing.copies;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The rendered copies of the readers' pages, feeds and stories API held in this instance's memory,
 * by address, and their refreshing: after a story event's store write, {@link #refresh} drops the
 * copies the event can change, and the next reader of each renders it again.
 *
 * <p>A rendering that read the store before a write and finishes after the refresh that followed it
 * is never kept: {@link #begin} registers each rendering while it runs, {@link #refresh} marks the
 * ones it concerns, and {@link #keep} checks the mark after storing the copy (and takes it back if
 * the mark came meanwhile), so no lock is held and an old page never outlives its refresh.
 */
@Component
public class RenderedCopies {

    /**
     * Room for every list's first pages and a few thousand story pages (10 to 40 KB each): readers
     * of a viral story hit a handful of addresses, and the rest is rendered again when asked.
     */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /** What a copy costs beside its body: its address, headers and the cache's own entry. */
    private static final int ENTRY_OVERHEAD = 512;

    /**
     * The last line of defence, not the way copies are refreshed: a copy is dropped at this age
     * anyway, should a story event another instance applied have reached this one only after it
     * stopped waiting for the store to show it ({@code RenderedCopiesRefresh}).
     */
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final Cache<String, Copy> copies = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String address, Copy copy) -> address.length() + copy.body().length + ENTRY_OVERHEAD)
            .expireAfterWrite(MAX_AGE)
            .build();

    private final Set<Rendering> renderings = ConcurrentHashMap.newKeySet();

    private final MeterRegistry meters;

    RenderedCopies(MeterRegistry meters) {
        this.meters = meters;
    }

    /** What a reader gets: the answer's body and the headers that describe it, as first rendered. */
    record Copy(CopyScope scope, String kind, byte[] body, HttpHeaders headers) {}

    /** A rendering in progress; {@code outdated} once a refresh concerning it came while it ran. */
    static final class Rendering {

        final CopyScope scope;

        volatile boolean outdated;

        Rendering(CopyScope scope) {
            this.scope = scope;
        }
    }

    /** The address's copy if there is one and the request can take it; counted as served then. */
    @Nullable
    Copy find(String address, Predicate<Copy> usable) {
        Copy copy = held(address, usable);
        if (copy != null) {
            counter("newsdesk.pages.served", copy.kind()).increment();
        }
        return copy;
    }

    /** As {@link #find}, without counting it as served: whether the request could be answered from memory. */
    @Nullable
    Copy held(String address, Predicate<Copy> usable) {
        Copy copy = copies.getIfPresent(address);
        return copy == null || !usable.test(copy) ? null : copy;
    }

    /** Whether a copy of the address is held, without serving it (for tests). */
    boolean holds(String address) {
        return copies.getIfPresent(address) != null;
    }

    /** Call before the rendering reads anything, and {@link #end} after, whatever happens. */
    Rendering begin(CopyScope scope) {
        Rendering rendering = new Rendering(scope);
        renderings.add(rendering);
        return rendering;
    }

    void end(Rendering rendering) {
        renderings.remove(rendering);
    }

    /** Keeps the copy unless a refresh concerning it came while it was rendered. */
    void keep(String address, Rendering rendering, Copy copy) {
        counter("newsdesk.pages.rendered", copy.kind()).increment();
        if (rendering.outdated) {
            return;
        }
        copies.put(address, copy);
        if (rendering.outdated) {
            copies.asMap().remove(address, copy);
        }
    }

    /**
     * Drops every copy the change can alter. Call after the store write that made the change:
     * a rendering that starts afterwards reads the new state.
     *
     * @param source why this instance heard of it, for the {@code newsdesk.pages.refreshes} counter:
     *               {@code store-write} when it made the write, {@code event} when it heard another's
     */
    public void refresh(StoryChange change, String source) {
        // Marked first: a rendering kept after this line checks its mark after storing its copy.
        renderings.stream()
                .filter(rendering -> rendering.scope.changedBy(change))
                .forEach(rendering -> rendering.outdated = true);
        copies.asMap().values().removeIf(copy -> copy.scope().changedBy(change));
        meters.counter("newsdesk.pages.refreshes", "source", source).increment();
    }

    private Counter counter(String name, String kind) {
        return meters.counter(name, "kind", kind);
    }
}
