package org.newsdesk.moderation.security;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.newsdesk.web.limit.RateLimit;

/**
 * Counts failed sign-ins per account from one client and per client, and refuses further attempts
 * once either has failed too often in the window, before any password is checked: guessing becomes
 * slow, and wrong passwords cannot keep the CPU busy with BCrypt. Never per account alone: then
 * anyone could keep a colleague out by typing wrong passwords for their name, while the person
 * with the right password, from their own machine, still gets in. Successes cost nothing here.
 * Clients are known only by a pseudonym of their address, never the address itself.
 */
final class SignInThrottle {

    private final RateLimit accountsFromClients;
    private final RateLimit clients;

    SignInThrottle(ModeratorProperties.SignIn settings) {
        this.accountsFromClients =
                new RateLimit(settings.failuresPerAccount(), settings.failureWindow(), settings.throttledAtMost());
        this.clients =
                new RateLimit(settings.failuresPerClient(), settings.failureWindow(), settings.throttledAtMost());
    }

    /** How long this client must wait before it may try this account (or any) again, if it must. */
    Optional<Duration> refusal(String account, String client) {
        return Stream.of(accountsFromClients.check(pair(account, client)), clients.check(client))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
    }

    void failed(String account, String client) {
        accountsFromClients.take(pair(account, client));
        clients.take(client);
    }

    /** Length-prefixed, so that no two different pairs run together into the same key. */
    private static String pair(String account, String client) {
        return client.length() + ":" + client + "|" + account;
    }
}
