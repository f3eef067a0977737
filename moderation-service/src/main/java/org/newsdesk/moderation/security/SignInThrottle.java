package org.newsdesk.moderation.security;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;

/**
 * Counts failed sign-ins per account and per client, and refuses further attempts once either
 * has failed too often in the window, before any password is checked: guessing becomes slow, and
 * wrong passwords cannot keep the CPU busy with BCrypt. Successes cost nothing here. Clients are
 * known only by a pseudonym of their address, never the address itself.
 */
final class SignInThrottle {

    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> clients;
    private final ModeratorProperties.SignIn settings;

    SignInThrottle(ModeratorProperties.SignIn settings) {
        this.settings = settings;
        // A bucket that has not been touched for a whole window is full again: forgetting it is exact.
        this.accounts = Caffeine.newBuilder().maximumSize(settings.throttledAtMost())
                .expireAfterAccess(settings.failureWindow()).build();
        this.clients = Caffeine.newBuilder().maximumSize(settings.throttledAtMost())
                .expireAfterAccess(settings.failureWindow()).build();
    }

    /** How long this account or client must wait before it may try again, if it must. */
    Optional<Duration> refusal(String account, String client) {
        long wait = Math.max(waitNanos(accounts.getIfPresent(account)), waitNanos(clients.getIfPresent(client)));
        return wait > 0 ? Optional.of(Duration.ofNanos(wait)) : Optional.empty();
    }

    void failed(String account, String client) {
        accounts.get(account, key -> bucket(settings.failuresPerAccount())).tryConsume(1);
        clients.get(client, key -> bucket(settings.failuresPerClient())).tryConsume(1);
    }

    private Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, settings.failureWindow()))
                .build();
    }

    private static long waitNanos(Bucket bucket) {
        if (bucket == null) {
            return 0;
        }
        return bucket.getAvailableTokens() > 0 ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }
}
