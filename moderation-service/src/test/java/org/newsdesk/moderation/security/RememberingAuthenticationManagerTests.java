package org.newsdesk.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.record.Act;
import org.newsdesk.moderation.record.EditorialAct;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

class RememberingAuthenticationManagerTests {

    private static final String PASSWORD = "Erewash-Sound-2023";
    private static final String EDITOR_PASSWORD = "Ilkeston-Market-Place";

    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final PasswordEncoder counting =
            new CountingEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(), bcryptChecks);
    private final ModeratorProperties properties = new ModeratorProperties(
            PASSWORD,
            false,
            "Duty editor",
            Map.of(
                    "editor",
                    new ModeratorProperties.Account(
                            "Sam Editor", new BCryptPasswordEncoder(4).encode(EDITOR_PASSWORD))),
            new ModeratorProperties.SignIn(Duration.ofMinutes(10), 100, 5, 8, Duration.ofMinutes(15), 100));
    private final ModeratorAccounts accounts = new ModeratorAccounts(properties, counting);
    private final RememberingAuthenticationManager manager = manager();

    private final List<EditorialAct> recorded = new CopyOnWriteArrayList<>();

    private RememberingAuthenticationManager manager() {
        // The account store as seeding leaves it, in memory.
        Map<String, SignInAccount> store = accounts.seeds().stream()
                .collect(Collectors.toMap(
                        ModeratorAccounts.Seed::username,
                        seed -> new SignInAccount(
                                seed.username(), seed.displayName(), seed.role(), seed.passwordHash(), true, 0)));
        AccountDirectory directory = username -> Mono.justOrEmpty(store.get(username));
        return new RememberingAuthenticationManager(
                directory,
                counting,
                new SignInThrottle(properties.signIn()),
                exchange -> exchange.getRequest().getHeaders().getFirst("X-Client"),
                properties.signIn(),
                new SignInRecord(
                        act -> Mono.fromRunnable(() -> recorded.add(act)),
                        Clock.systemUTC(),
                        new SimpleMeterRegistry()));
    }

    @Test
    void aPasswordIsCheckedWithBcryptOncePerSignInNotPerCall() {
        // Given a moderator who signed in once
        assertThat(signIn("moderator", PASSWORD, "client-a").getName()).isEqualTo("moderator");

        // When the same credentials come with a hundred more calls
        for (int i = 0; i < 100; i++) {
            assertThat(signIn("moderator", PASSWORD, "client-a").isAuthenticated())
                    .isTrue();
        }

        // Then BCrypt ran once, and the signed-in principal never carries the password
        assertThat(bcryptChecks).hasValue(1);
        assertThat(signIn("moderator", PASSWORD, "client-a").getCredentials()).isNull();
    }

    @Test
    void aRememberedSignInNeverLetsAnotherPasswordThrough() {
        // Given a remembered sign-in
        signIn("moderator", PASSWORD, "client-a");

        // When someone tries a different password, or the right one for another account
        // Then each is checked, and refused
        assertThatThrownBy(() -> signIn("moderator", PASSWORD + "x", "client-b"))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIn("editor", PASSWORD, "client-b")).isInstanceOf(BadCredentialsException.class);
        assertThat(bcryptChecks).hasValue(3);
    }

    @Test
    void accountsFromConfigurationSignInWithTheirHashAndShowTheirName() {
        // Given an account configured with a BCrypt hash and a display name
        // When its moderator signs in
        Authentication editor = signIn("editor", EDITOR_PASSWORD, "client-a");

        // Then they are a moderator, shown by name; the moderator account keeps its own name
        assertThat(editor.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_MODERATOR");
        assertThat(accounts.displayName("editor")).isEqualTo("Sam Editor");
        assertThat(accounts.displayName("moderator")).isEqualTo("Duty editor");
    }

    @Test
    void anAccountWithoutABcryptHashStopsTheStart() {
        // Given an account whose "hash" is a plain password pasted into the wrong setting
        ModeratorProperties plain = new ModeratorProperties(
                PASSWORD,
                false,
                null,
                Map.of("careless", new ModeratorProperties.Account("Careless", "hunter2")),
                null);

        // When the accounts are read
        // Then the start fails without echoing the value
        assertThatThrownBy(() -> new ModeratorAccounts(plain, counting))
                .hasMessageContaining("careless")
                .hasMessageContaining("BCrypt")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void wrongPasswordsFromOtherClientsNeverLockOutThePersonWithTheRightOne() {
        // Given twenty wrong passwords for the editor, from twenty other clients
        for (int i = 0; i < 20; i++) {
            String client = "elsewhere-" + i;
            assertThatThrownBy(() -> signIn("editor", "guess", client)).isInstanceOf(BadCredentialsException.class);
        }

        // When the editor signs in with the right password from their own machine
        // Then they are in
        assertThat(signIn("editor", EDITOR_PASSWORD, "own-machine").isAuthenticated())
                .isTrue();
    }

    @Test
    void oneClientIsThrottledOnAnAccountAfterItsFailuresThere() {
        // Given five wrong passwords for the editor from one client
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> signIn("editor", "guess", "client-x")).isInstanceOf(BadCredentialsException.class);
        }
        int checksSoFar = bcryptChecks.get();

        // When that client tries the editor again, even with the right password
        // Then it is refused without a BCrypt round, saying when to come back, and the refusal is recorded
        assertThatThrownBy(() -> signIn("editor", EDITOR_PASSWORD, "client-x"))
                .isInstanceOfSatisfying(
                        SignInThrottledException.class,
                        refused -> assertThat(refused.retryAfter()).isPositive());
        assertThat(bcryptChecks).hasValue(checksSoFar);
        assertThat(recorded).last().satisfies(act -> {
            assertThat(act.act()).isEqualTo(Act.SIGN_IN_THROTTLED);
            assertThat(act.actor()).isEqualTo("editor");
        });

        // And the editor still signs in from another client, and that client to another account
        assertThat(signIn("editor", EDITOR_PASSWORD, "client-y").isAuthenticated())
                .isTrue();
        assertThat(signIn("moderator", PASSWORD, "client-x").isAuthenticated()).isTrue();
    }

    @Test
    void aNameWithNoAccountCostsABcryptRoundLikeAWrongPasswordForARealOne() {
        // Given nothing remembered
        // When a wrong password is tried for a real account, and for a name with no account
        assertThatThrownBy(() -> signIn("editor", "guess", "client-a")).isInstanceOf(BadCredentialsException.class);
        int afterReal = bcryptChecks.get();
        assertThatThrownBy(() -> signIn("nobody-here", "guess", "client-a"))
                .isInstanceOf(BadCredentialsException.class);

        // Then each ran the password encoder once: the refusal takes as long either way
        assertThat(afterReal).isEqualTo(1);
        assertThat(bcryptChecks).hasValue(2);
        // And the record names the real account, but never the name typed for one that does not exist
        assertThat(recorded).extracting(EditorialAct::actor).containsExactly("editor", null);
        assertThat(recorded).allSatisfy(act -> {
            assertThat(act.act()).isEqualTo(Act.SIGN_IN_FAILED);
            assertThat(act.detail()).doesNotContain("nobody-here").doesNotContain("guess");
        });
    }

    @Test
    void aClientIsThrottledAfterItsFailuresWhicheverAccountItTries() {
        // Given one client that failed eight times over many account names
        for (int i = 0; i < 8; i++) {
            String account = "guess-" + i;
            assertThatThrownBy(() -> signIn(account, "guess", "noisy")).isInstanceOf(BadCredentialsException.class);
        }

        // When it tries once more
        // Then it is refused, while another client signs in to the same account
        assertThatThrownBy(() -> signIn("moderator", PASSWORD, "noisy")).isInstanceOf(SignInThrottledException.class);
        assertThat(signIn("moderator", PASSWORD, "quiet").isAuthenticated()).isTrue();
    }

    private Authentication signIn(String username, String password, String client) {
        ServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/queue").header("X-Client", client));
        return manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password))
                .contextWrite(Context.of(ServerWebExchange.class, exchange))
                .block(Duration.ofSeconds(10));
    }

    /** Counts the password checks that reach the real encoder. */
    private record CountingEncoder(PasswordEncoder delegate, AtomicInteger checks) implements PasswordEncoder {

        @Override
        public String encode(CharSequence rawPassword) {
            return delegate.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            return delegate.matches(rawPassword, encodedPassword);
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return false;
        }
    }
}
