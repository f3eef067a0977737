package org.newsdesk.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.newsdesk.web.problem.ProblemDetailsAutoConfiguration;
import org.newsdesk.web.problem.ProblemWriter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.BadCredentialsException;

class ProblemAuthenticationEntryPointTests {

    /** The entry point writes with the service's own problem writer, as every filter does. */
    private final ReactiveWebApplicationContextRunner web = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    WebFluxAutoConfiguration.class,
                    ProblemDetailsAutoConfiguration.class));

    @Test
    void aThrottledSignInIsA429ThatSaysWhenToComeBack() {
        web.run(context -> {
            ProblemAuthenticationEntryPoint entryPoint =
                    new ProblemAuthenticationEntryPoint("Newsdesk moderation", context.getBean(ProblemWriter.class));

            // Given an API call refused because its account or client failed too often
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/queue"));

            // When it is answered
            entryPoint
                    .commence(exchange, new SignInThrottledException(Duration.ofMillis(61_500)))
                    .block(Duration.ofSeconds(5));

            // Then it is a 429 problem with Retry-After in whole seconds, rounded up, and no Basic challenge
            assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                    .isEqualTo("62");
            assertThat(exchange.getResponse().getHeaders().getContentType())
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(exchange.getResponse().getHeaders().containsHeader(HttpHeaders.WWW_AUTHENTICATE))
                    .isFalse();
            assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
                    .contains("\"status\":429")
                    .contains("Too many failed sign-ins");
        });
    }

    @Test
    void aWrongPasswordIsTheUsual401Challenge() {
        web.run(context -> {
            ProblemAuthenticationEntryPoint entryPoint =
                    new ProblemAuthenticationEntryPoint("Newsdesk moderation", context.getBean(ProblemWriter.class));
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/queue"));

            entryPoint.commence(exchange, new BadCredentialsException("no")).block(Duration.ofSeconds(5));

            assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                    .isEqualTo("Basic realm=\"Newsdesk moderation\"");
        });
    }
}
