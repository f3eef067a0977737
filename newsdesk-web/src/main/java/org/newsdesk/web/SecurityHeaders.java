package org.newsdesk.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Everything our pages show was written by a resident, so the pages escape it, and these
 * headers are the second line of defence should anything ever slip through: scripts and styles
 * only from the service itself (no inline script can run), nothing loaded from elsewhere, forms
 * post only home, no page framed, and browsers take each answer for the type it says it is.
 *
 * <p>They go on every response, not only on pages: a strict policy costs a JSON answer nothing,
 * and it covers error pages and anyone opening an API address in a browser. The filter runs
 * first, so that answers written by filters further in (sign-in challenges, rate limits) carry
 * the headers too.
 */
final class SecurityHeaders implements WebFilter, Ordered {

    /** An address a resident or reader visits is nobody else's business. */
    static final String REFERRER_POLICY = "no-referrer";

    private final String contentSecurityPolicy;

    SecurityHeaders(String contentSecurityPolicy) {
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", contentSecurityPolicy);
            headers.set("Referrer-Policy", REFERRER_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            // For browsers older than frame-ancestors.
            headers.set("X-Frame-Options", "DENY");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
