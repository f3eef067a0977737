package org.newsdesk.submission.limit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import org.newsdesk.web.ClientAddresses;
import org.springframework.web.server.ServerWebExchange;

/**
 * So many requests of one kind per client per hour, in this instance: a Bucket4j token bucket per
 * client, refilled smoothly, so a client that used its hour's allowance gets one more every
 * {@code hour / limit} rather than all of them at the next full hour. Clients are known only by
 * {@link ClientAddresses#pseudonym}: no address is ever held here.
 */
public final class ClientRateLimit {

    /**
     * Buckets kept at most. Past it, idle buckets (full again) are dropped; should that not be
     * enough (a flood from countless addresses), all are, which lets the flood through briefly
     * rather than let memory grow without bound.
     */
    static final int MOST_CLIENTS = 100_000;

    private final long perHour;
    private final ClientAddresses clients;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perHour requests per client per hour; {@code 0} (or less) for no limit */
    public ClientRateLimit(long perHour, ClientAddresses clients) {
        this.perHour = perHour;
        this.clients = clients;
    }

    /** Takes one request from the client's allowance. @return empty if it may go ahead, else how long until it may */
    public Optional<Duration> take(ServerWebExchange exchange) {
        if (perHour <= 0) {
            return Optional.empty();
        }
        ConsumptionProbe probe = bucket(exchange).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Whether the client has any allowance left, without using it: for limits that count only some
     * outcomes (a lookup counts only when it finds nothing), checked before and {@link #take taken} after.
     *
     * @return empty if it may go ahead, else how long until it may
     */
    public Optional<Duration> check(ServerWebExchange exchange) {
        if (perHour <= 0) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket(exchange).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket bucket(ServerWebExchange exchange) {
        if (buckets.size() >= MOST_CLIENTS) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= perHour);
            if (buckets.size() >= MOST_CLIENTS) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(clients.pseudonym(exchange), client -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)))
                .build());
    }

    /** The {@code Retry-After} header's value: whole seconds, rounded up, at least one. */
    public static String retryAfterSeconds(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return Long.toString(Math.max(1, seconds));
    }
}
