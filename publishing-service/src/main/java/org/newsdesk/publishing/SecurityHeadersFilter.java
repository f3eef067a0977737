package org.newsdesk.publishing;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every story is text written by a resident, served as JSON by the API and as HTML by the reader
 * pages. The pages escape it, and these headers are the second line of defence should anything
 * ever slip through: no script runs at all (the pages need none), nothing loads from elsewhere,
 * no page can be framed, and browsers take each response for the type it says it is rather than
 * sniffing a crafted story into HTML.
 *
 * <p>They go on every response, not only on pages: a strict policy costs a JSON answer nothing,
 * and it covers error pages and a reader opening an API address in a browser.
 */
@Component
class SecurityHeadersFilter implements WebFilter {

    /**
     * The pages link one stylesheet from this service and nothing else. Without a
     * {@code script-src}, {@code default-src 'none'} forbids scripts, inline ones included.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** A story's address says what a reader read: it is nobody else's business. */
    static final String REFERRER_POLICY = "no-referrer";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("Referrer-Policy", REFERRER_POLICY);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
