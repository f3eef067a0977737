package org.newsdesk.moderation.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a user name and password with BCrypt once, then remembers the success for a while, so
 * that an API client sending the same HTTP Basic credentials with every call costs one BCrypt
 * round per sign-in rather than per call (about 80 ms of CPU each here). What is remembered is a
 * keyed digest (HMAC-SHA256 with a key made at start and kept in memory only) of the user name,
 * the password and the account's stored hash: never the password, useless outside this process,
 * and no longer matching once the account's hash changes. Failed attempts are counted by
 * {@link SignInThrottle} and, past its limit, refused before any hash is computed.
 */
final class RememberingAuthenticationManager implements ReactiveAuthenticationManager {

    private static final String UNKNOWN_CLIENT = "unknown";

    private final ModeratorAccounts accounts;
    private final ReactiveAuthenticationManager bcrypt;
    private final SignInThrottle throttle;
    private final Function<ServerWebExchange, String> clientPseudonym;
    private final Cache<String, Boolean> remembered;
    private final SecretKeySpec key;

    RememberingAuthenticationManager(
            ModeratorAccounts accounts,
            ReactiveAuthenticationManager bcrypt,
            SignInThrottle throttle,
            Function<ServerWebExchange, String> clientPseudonym,
            ModeratorProperties.SignIn settings) {
        this.accounts = accounts;
        this.bcrypt = bcrypt;
        this.throttle = throttle;
        this.clientPseudonym = clientPseudonym;
        this.remembered = Caffeine.newBuilder()
                .maximumSize(settings.rememberAtMost())
                .expireAfterWrite(settings.rememberFor())
                .build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        String username = attempt.getName();
        String password =
                attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        return client().flatMap(client -> {
            var refusal = throttle.refusal(username, client);
            if (refusal.isPresent()) {
                return Mono.error(new SignInThrottledException(refusal.get()));
            }
            UserDetails account = accounts.find(username);
            String digest = account == null ? null : digest(username, password, account.getPassword());
            if (digest != null && remembered.getIfPresent(digest) != null) {
                // Continue off the connection's event loop, as Spring's own manager does after its
                // BCrypt round. Answered wholly on the event loop (a remembered sign-in, then a page
                // served from memory), rapid calls on one keep-alive connection stalled: one answer
                // in a few hundred never went out (measured with three HTTP clients; see
                // KeepAliveConnectionTests).
                return Mono.just(signedIn(account)).publishOn(Schedulers.parallel());
            }
            return bcrypt.authenticate(attempt)
                    .doOnNext(success -> {
                        if (digest != null) {
                            remembered.put(digest, Boolean.TRUE);
                        }
                    })
                    .doOnError(BadCredentialsException.class, failure -> throttle.failed(username, client));
        });
    }

    /** The pseudonym of the calling client, from the exchange Spring Security keeps in the Reactor context. */
    private Mono<String> client() {
        return Mono.deferContextual(context -> Mono.just(context.getOrEmpty(ServerWebExchange.class)
                .map(exchange -> clientPseudonym.apply((ServerWebExchange) exchange))
                .orElse(UNKNOWN_CLIENT)));
    }

    private static Authentication signedIn(UserDetails account) {
        return UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities());
    }

    private String digest(String username, String password, String storedHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (String part : new String[] {username, password, storedHash}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // Length-prefixed, so that no two different triples run together into the same input.
                mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }
}
