package org.newsdesk.moderation.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 401 in the same problem-details shape as every other error of the API, with the
 * {@code WWW-Authenticate} challenge that tells clients to use HTTP Basic.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String realm;

    ProblemAuthenticationEntryPoint(String realm) {
        this.realm = realm;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException exception) {
        ServerHttpResponse response = exchange.getResponse();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        if (exception instanceof SignInThrottledException throttled) {
            response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            problem.put("title", HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
            problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
            problem.put("detail", "Too many failed sign-ins; try again in " + throttled.retryAfterSeconds() + " s");
        }
        else {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
            problem.put("title", HttpStatus.UNAUTHORIZED.getReasonPhrase());
            problem.put("status", HttpStatus.UNAUTHORIZED.value());
            // Deliberately the same for a missing and a wrong password: no hints to someone guessing.
            problem.put("detail", "Sign in as a moderator with HTTP Basic authentication");
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        problem.put("instance", exchange.getRequest().getPath().value());
        byte[] body = JSON.writeValueAsBytes(problem);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
