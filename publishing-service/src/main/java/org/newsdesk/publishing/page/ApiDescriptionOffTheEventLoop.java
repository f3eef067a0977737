package org.newsdesk.publishing.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the handlers that describe the API ({@code /v3/api-docs} and {@code /developers}) on the
 * bounded elastic pool: springdoc builds the description the first time it is asked for in each
 * locale, scanning the class path for the API's classes, a few hundred file reads that would hold
 * up every other request on the same event loop. The last filter, so that nothing after it
 * switches threads before the handler runs; the description is cached, so later calls are quick.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ApiDescriptionOffTheEventLoop implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith(DevelopersPageController.API_DOCS) && !path.equals(DevelopersPageController.PATH)) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> chain.filter(exchange)).subscribeOn(Schedulers.boundedElastic());
    }
}
