package org.newsdesk.publishing.caching;

import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The validators of the OpenAPI description, the one answer this service does not write itself:
 * springdoc answers {@code /v3/api-docs} without them. What it describes is the running code,
 * which cannot change while the service runs, so its tag names this start of the service and the
 * address the description gives as its server; a tool that asks again gets a {@code 304} from
 * WebFlux until the next start.
 */
@Component
class ApiDescriptionValidators implements WebFilter {

    private static final String DESCRIPTION = "/v3/api-docs";

    private final Instant started = Instant.now();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!request.getPath().pathWithinApplication().value().startsWith(DESCRIPTION)
                || !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))) {
            return chain.filter(exchange);
        }
        String server = UriComponentsBuilder.fromUri(request.getURI())
                .replacePath(null)
                .replaceQuery(null)
                .build()
                .toUriString();
        exchange.getResponse().beforeCommit(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (status == null || status.is2xxSuccessful() || exchange.isNotModified()) {
                exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, Lifetime.DOCUMENT.cacheControl());
            }
            return Mono.empty();
        });
        if (exchange.checkNotModified(Etags.of(started, server))) {
            return exchange.getResponse().setComplete();
        }
        return chain.filter(exchange);
    }
}
