package org.newsdesk.moderation.security;

import org.newsdesk.web.problem.ProblemException;
import org.newsdesk.web.problem.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A 401 in the same problem-details shape as every other error of the API, with the
 * {@code WWW-Authenticate} challenge that tells clients to use HTTP Basic; a throttled sign-in is
 * a 429 that says when to come back.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final String realm;
    private final ProblemWriter writer;

    ProblemAuthenticationEntryPoint(String realm, ProblemWriter writer) {
        this.realm = realm;
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException exception) {
        return writer.write(
                exchange, exception instanceof SignInThrottledException throttled ? tooMany(throttled) : signInFirst());
    }

    private static ProblemException tooMany(SignInThrottledException throttled) {
        return ProblemException.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase(),
                        "Too many failed sign-ins; try again in "
                                + ProblemException.retryAfterSeconds(throttled.retryAfter()) + " s")
                .retryAfter(throttled.retryAfter());
    }

    /** Deliberately the same for a missing and a wrong password: no hints to someone guessing. */
    private ProblemException signInFirst() {
        ProblemException problem = ProblemException.of(
                HttpStatus.UNAUTHORIZED,
                HttpStatus.UNAUTHORIZED.getReasonPhrase(),
                "Sign in as a moderator with HTTP Basic authentication");
        problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
        return problem;
    }
}
