package org.newsdesk.web.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * The one way Newsdesk limits how often something may happen: so many times per key (a client's
 * pseudonym, an account) per window, in this instance. Each key has a Bucket4j token bucket,
 * refilled smoothly, so a key that used its allowance gets one more every {@code window / limit}
 * rather than all at once. Buckets live in a Caffeine cache of bounded size; a bucket untouched
 * for a whole window is full again, so forgetting it then is exact, and a flood of keys costs a
 * bounded amount of memory.
 */
public final class RateLimit {

    private final long perWindow;
    private final Duration window;
    private final Cache<String, Bucket> buckets;

    /**
     * @param perWindow how many times a key may act per window; {@code 0} (or less) for no limit
     * @param window    the window, such as an hour
     * @param mostKeys  buckets kept at most; past it the least recently used go first
     */
    public RateLimit(long perWindow, Duration window, long mostKeys) {
        this.perWindow = perWindow;
        this.window = window;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(mostKeys)
                .expireAfterAccess(window)
                .build();
    }

    /** Takes one from the key's allowance. @return empty if it may go ahead, else how long until it may */
    public Optional<Duration> take(String key) {
        if (perWindow <= 0) {
            return Optional.empty();
        }
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Whether the key has any allowance left, without using it: for limits that count only some
     * outcomes (a lookup counts only when it finds nothing, a sign-in only when it fails), checked
     * before and {@link #take taken} after. Keys never seen cost nothing.
     *
     * @return empty if it may go ahead, else how long until it may
     */
    public Optional<Duration> check(String key) {
        if (perWindow <= 0) {
            return Optional.empty();
        }
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed()
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket bucket(String key) {
        return buckets.get(
                key,
                unused -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(perWindow).refillGreedy(perWindow, window))
                        .build());
    }
}
