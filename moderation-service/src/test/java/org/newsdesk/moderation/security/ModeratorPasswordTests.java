package org.newsdesk.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.web.WebAutoConfiguration;
import org.newsdesk.web.problem.ProblemDetailsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

@ExtendWith(OutputCaptureExtension.class)
class ModeratorPasswordTests {

    private final ReactiveWebApplicationContextRunner security = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    WebAutoConfiguration.class,
                    JacksonAutoConfiguration.class,
                    WebFluxAutoConfiguration.class,
                    ProblemDetailsAutoConfiguration.class))
            .withUserConfiguration(ModeratorSecurityConfiguration.class, InMemoryAccounts.class)
            // The sign-in counts, which the service's metrics auto-configuration registers a registry for.
            .withBean(SimpleMeterRegistry.class);

    @Test
    void configuredPasswordIsUsed() {
        // Given a configured password, even where the local default would be allowed
        ModeratorProperties properties = new ModeratorProperties("s3cret-for-the-newsroom", true);

        // When the password is resolved
        // Then it is the configured one
        assertThat(ModeratorPassword.resolve(properties)).isEqualTo("s3cret-for-the-newsroom");
    }

    @Test
    void withoutPasswordOrLocalFlagNothingIsGuessed() {
        // Given neither a password nor the local launcher's permission
        ModeratorProperties properties = new ModeratorProperties("", false);

        // When the password is resolved
        // Then it fails, naming the environment variable to set
        assertThatThrownBy(() -> ModeratorPassword.resolve(properties))
                .isInstanceOf(MissingModeratorPasswordException.class)
                .hasMessageContaining("NEWSDESK_MODERATOR_PASSWORD");
    }

    @Test
    void withoutPasswordTheLocalRunFallsBackAndSaysSo(CapturedOutput output) {
        // Given no password but the local launcher's permission
        ModeratorProperties properties = new ModeratorProperties(null, true);

        // When the password is resolved
        String password = ModeratorPassword.resolve(properties);

        // Then it is the local default, with a warning in the log
        assertThat(password).isEqualTo("moderator");
        assertThat(output).contains("WARN").contains("No moderator password configured");
    }

    @Test
    void serviceRefusesToStartWithoutPassword() {
        // Given a configuration without a password or the local flag
        // When the security configuration starts
        // Then the context fails with the clear message, and Boot's report says what to do
        security.run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            MissingModeratorPasswordException cause = findCause(failure);
            assertThat(cause).hasMessageContaining("NEWSDESK_MODERATOR_PASSWORD");
            FailureAnalysis analysis = new MissingModeratorPasswordFailureAnalyzer().analyze(failure);
            assertThat(analysis.getAction()).contains("NEWSDESK_MODERATOR_PASSWORD");
        });
    }

    @Test
    void serviceStartsWithTheLocalDefaultWhenAllowed(CapturedOutput output) {
        // Given the embedded launcher's permission and no password
        // When the security configuration starts
        security.withPropertyValues(
                        "newsdesk.moderator.local-default-password-allowed=true", "server.address=127.0.0.1")
                .run(context -> {
                    // Then the moderator signs in with the local default, stored only as a BCrypt hash, and the log
                    // says so
                    assertThat(context).hasNotFailed();
                    UserDetails moderator = moderator(context.getBean(ReactiveUserDetailsService.class));
                    assertThat(moderator.getPassword()).startsWith("{bcrypt}").doesNotContain("moderator");
                    assertThat(context.getBean(PasswordEncoder.class).matches("moderator", moderator.getPassword()))
                            .isTrue();
                    assertThat(output).contains("No moderator password configured");
                });
    }

    @Test
    void configuredPasswordIsStoredOnlyAsAHash(CapturedOutput output) {
        // Given a password from the environment
        String password = "Erewash-Sound-2023";

        // When the security configuration starts
        security.withPropertyValues("newsdesk.moderator.password=" + password).run(context -> {
            // Then only its hash is kept, the local default does not work, and the password is never logged
            UserDetails moderator = moderator(context.getBean(ReactiveUserDetailsService.class));
            PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
            assertThat(moderator.getPassword()).startsWith("{bcrypt}").doesNotContain(password);
            assertThat(encoder.matches(password, moderator.getPassword())).isTrue();
            assertThat(encoder.matches("moderator", moderator.getPassword())).isFalse();
            assertThat(output).doesNotContain(password);
        });
    }

    @Test
    void theLocalDefaultIsRefusedWhereverTheServiceListensBeyondThisMachine() {
        // Given the launcher's permission, but a service listening on every interface or on a LAN address
        for (String address : new String[] {"", "0.0.0.0", "192.168.1.20"}) {
            // When the security configuration starts
            security.withPropertyValues(
                            "newsdesk.moderator.local-default-password-allowed=true", "server.address=" + address)
                    .run(context -> {
                        // Then it refuses, saying why and what to set
                        assertThat(context).hasFailed();
                        assertThat(findCause(context.getStartupFailure()))
                                .hasMessageContaining("beyond this machine")
                                .hasMessageContaining("NEWSDESK_MODERATOR_PASSWORD");
                    });
        }
    }

    private static UserDetails moderator(ReactiveUserDetailsService users) {
        return users.findByUsername(ModeratorSecurityConfiguration.MODERATOR).block(Duration.ofSeconds(5));
    }

    private static MissingModeratorPasswordException findCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MissingModeratorPasswordException missing) {
                return missing;
            }
        }
        throw new AssertionError("Startup failed for another reason", failure);
    }
}
