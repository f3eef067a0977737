package org.newsdesk.moderation.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a user name and password against the account store with BCrypt once, then remembers the
 * success for a while, so that an API client sending the same HTTP Basic credentials with every
 * call costs one BCrypt round per sign-in rather than per call (about 80 ms of CPU each here).
 *
 * <p>The account is read from the store on every call, remembered or not, so a disabled account
 * or a changed role counts from the next call on every instance. What is remembered is a keyed
 * digest (HMAC-SHA256 with a key made at start and kept in memory only) of the user name, the
 * password, the account's stored hash and its session epoch: never the password, useless outside
 * this process, and no longer matching once the hash or the epoch changes.
 *
 * <p>An outsider must not learn which accounts exist from how long a refusal takes: a name with no
 * account (or no password yet) is checked against a dummy hash made at start with the same
 * encoder, so it costs one BCrypt round like a wrong password for a real account, and takes the
 * same way through the memory of sign-ins. Failed attempts are counted by {@link SignInThrottle}
 * and, past its limit, refused before any hash is computed.
 */
final class RememberingAuthenticationManager implements ReactiveAuthenticationManager {

    private static final String UNKNOWN_CLIENT = "unknown";

    private final AccountDirectory directory;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;
    private final Function<ServerWebExchange, String> clientPseudonym;
    private final SignInRecord record;
    private final Cache<String, Boolean> remembered;
    private final SecretKeySpec key;
    private final String dummyHash;

    RememberingAuthenticationManager(
            AccountDirectory directory,
            PasswordEncoder encoder,
            SignInThrottle throttle,
            Function<ServerWebExchange, String> clientPseudonym,
            ModeratorProperties.SignIn settings,
            SignInRecord record) {
        this.directory = directory;
        this.encoder = encoder;
        this.throttle = throttle;
        this.clientPseudonym = clientPseudonym;
        this.record = record;
        this.remembered = Caffeine.newBuilder()
                .maximumSize(settings.rememberAtMost())
                .expireAfterWrite(settings.rememberFor())
                .build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.dummyHash = encoder.encode(UUID.randomUUID().toString());
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        String username = attempt.getName();
        String password =
                attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        return exchange().flatMap(exchange -> {
            String client = exchange.map(clientPseudonym).orElse(UNKNOWN_CLIENT);
            String how = exchange.map(RememberingAuthenticationManager::how).orElse("");
            return directory
                    .account(username)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(found -> {
                        SignInAccount account = found.orElse(null);
                        var refusal = throttle.refusal(username, client);
                        if (refusal.isPresent()) {
                            return record.throttled(account == null ? null : account.username(), how)
                                    .then(Mono.error(new SignInThrottledException(refusal.get())));
                        }
                        boolean known = account != null && account.passwordHash() != null;
                        String hash = known ? account.passwordHash() : dummyHash;
                        long epoch = known ? account.epoch() : 0;
                        // The same work for every name, real or not: one digest, one look in memory.
                        String digest = digest(username, password, hash, epoch);
                        boolean wasRemembered = remembered.getIfPresent(digest) != null;
                        if (known && account.enabled() && wasRemembered) {
                            // Continue off the connection's event loop, as after a BCrypt round. Answered
                            // wholly on the event loop (a remembered sign-in, then a page served from
                            // memory), rapid calls on one keep-alive connection stalled: one answer in a
                            // few hundred never went out (see KeepAliveConnectionTests).
                            return Mono.just(signedIn(account)).publishOn(Schedulers.parallel());
                        }
                        return Mono.fromCallable(() -> matches(password, hash))
                                .subscribeOn(Schedulers.boundedElastic())
                                .flatMap(matches -> {
                                    if (matches && known && account.enabled()) {
                                        remembered.put(digest, Boolean.TRUE);
                                        return record.signedIn(account.username(), how)
                                                .thenReturn(signedIn(account));
                                    }
                                    throttle.failed(username, client);
                                    return record.failed(
                                                    account == null ? null : account.username(),
                                                    account != null && !account.enabled(),
                                                    how)
                                            .then(Mono.error(new BadCredentialsException("Invalid Credentials")));
                                });
                    });
        });
    }

    private boolean matches(String password, String hash) {
        try {
            return encoder.matches(password, hash);
        } catch (IllegalArgumentException tooLongOrMalformed) {
            // BCrypt refuses a password over 72 bytes outright: that is a wrong password too.
            return false;
        }
    }

    /**
     * The principal a session or a call carries: the account's name and its roles as the store holds
     * them now, never the password; its details are the epoch it signed in under.
     */
    static Authentication signedIn(SignInAccount account) {
        User user = (User) User.withUsername(account.username())
                .password("")
                .roles(account.role().grants())
                .build();
        UsernamePasswordAuthenticationToken token =
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        token.setDetails(account.epoch());
        return token;
    }

    /** The epoch a signed-in principal was made under ({@code 0} for a session older than epochs). */
    static long epochOf(Authentication authentication) {
        return authentication.getDetails() instanceof Long epoch ? epoch : 0;
    }

    private static String how(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value().startsWith("/api/") ? "to the API" : "to the pages";
    }

    /** The calling exchange, which Spring Security keeps in the Reactor context. */
    private static Mono<Optional<ServerWebExchange>> exchange() {
        return Mono.deferContextual(context ->
                Mono.just(context.getOrEmpty(ServerWebExchange.class).map(exchange -> (ServerWebExchange) exchange)));
    }

    private String digest(String username, String password, String storedHash, long epoch) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (String part : new String[] {username, password, storedHash, Long.toString(epoch)}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // Length-prefixed, so that no two different tuples run together into the same input.
                mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }
}
