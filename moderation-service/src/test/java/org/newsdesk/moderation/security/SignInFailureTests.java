package org.newsdesk.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import reactor.core.publisher.Mono;

/** Where a refused sign-in sends the browser: back to the form, with the parameter its message is shown for. */
class SignInFailureTests {

    @Test
    void aWrongPasswordAndALockoutLeadToTheirOwnMessages() {
        assertThat(redirectAfter(new BadCredentialsException("wrong"))).isEqualTo("/login?error");
        assertThat(redirectAfter(new SignInThrottledException(Duration.ofMinutes(3))))
                .isEqualTo("/login?throttled");
    }

    private static String redirectAfter(AuthenticationException failure) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/login"));
        ModeratorSecurityConfiguration.signInFailed()
                .onAuthenticationFailure(new WebFilterExchange(exchange, ignored -> Mono.empty()), failure)
                .block(Duration.ofSeconds(5));
        return exchange.getResponse().getHeaders().getLocation().toString();
    }
}
