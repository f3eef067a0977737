package org.newsdesk.moderation.security;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.newsdesk.web.limit.RateLimit;

/**
 * Counts failed sign-ins per account and per client, and refuses further attempts once either
 * has failed too often in the window, before any password is checked: guessing becomes slow, and
 * wrong passwords cannot keep the CPU busy with BCrypt. Successes cost nothing here. Clients are
 * known only by a pseudonym of their address, never the address itself.
 */
final class SignInThrottle {

    private final RateLimit accounts;
    private final RateLimit clients;

    SignInThrottle(ModeratorProperties.SignIn settings) {
        this.accounts =
                new RateLimit(settings.failuresPerAccount(), settings.failureWindow(), settings.throttledAtMost());
        this.clients =
                new RateLimit(settings.failuresPerClient(), settings.failureWindow(), settings.throttledAtMost());
    }

    /** How long this account or client must wait before it may try again, if it must. */
    Optional<Duration> refusal(String account, String client) {
        return Stream.of(accounts.check(account), clients.check(client))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
    }

    void failed(String account, String client) {
        accounts.take(account);
        clients.take(client);
    }
}
