package org.newsdesk.publishing;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Stories are text written by residents. The API returns them as JSON, and this header stops a
 * browser from second-guessing that type and rendering a crafted story as HTML.
 */
@Component
class ContentTypeOptionsFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set("X-Content-Type-Options", "nosniff");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
