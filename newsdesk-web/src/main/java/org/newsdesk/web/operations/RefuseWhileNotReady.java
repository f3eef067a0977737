package org.newsdesk.web.operations;

import java.util.List;
import org.newsdesk.web.problem.ProblemException;
import org.newsdesk.web.problem.ProblemWriter;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * While the service's readiness is down (its store does not answer, or it is shutting down), every
 * request is answered at once with {@code 503} and {@code Retry-After}, a page for a person and
 * problem details for a program, instead of waiting for a dependency that is known not to answer.
 * A resident's tip refused here was not stored: a refusal means refused. Health (which tells a
 * load balancer all this), the pages' own assets (which the 503 page uses) and whatever the
 * service answers itself ({@link AnsweredWhileNotReady}) are still served.
 */
final class RefuseWhileNotReady implements WebFilter, Ordered {

    private final ApplicationAvailability availability;
    private final ProblemWriter problems;
    private final List<AnsweredWhileNotReady> answeredHere;

    RefuseWhileNotReady(
            ApplicationAvailability availability, ProblemWriter problems, List<AnsweredWhileNotReady> answeredHere) {
        this.availability = availability;
        this.problems = problems;
        this.answeredHere = List.copyOf(answeredHere);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                || alwaysServed(exchange)
                || answeredHere.stream().anyMatch(answered -> answered.canAnswer(exchange))) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, ProblemException.temporarilyUnavailable());
    }

    private static boolean alwaysServed(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.startsWith("/actuator/") || path.startsWith("/assets/") || path.equals("/favicon.ico");
    }

    /** After the security headers, ahead of everything that would read a body or touch a store. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
