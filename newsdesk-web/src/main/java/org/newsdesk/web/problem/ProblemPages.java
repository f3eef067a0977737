package org.newsdesk.web.problem;

import java.util.Map;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * How a service shows a problem to a person in a browser: a page of its own, in the outlet's style,
 * with a way on. A service that declares this bean answers every request whose {@code Accept}
 * prefers {@code text/html} (a browser's) with that page for every refusal and failure, the same
 * status and headers ({@code Allow}, {@code Retry-After}) kept; a program that asks for JSON, or
 * for anything ({@code *}{@code /*}), keeps getting problem details. Nothing else answers browsers'
 * mistakes: not a controller's own handler, not Boot's whitelabel page.
 *
 * <p>The view gets the problem as {@code problem} (a {@link ShownProblem}: the status, words for a
 * person, the fields to fix) besides whatever {@link #model} adds for the service's layout.
 */
public interface ProblemPages {

    /** The template that shows a {@link ShownProblem}. */
    String view();

    /** What the service's layout needs besides the problem (the site's name, the masthead's links). */
    default Mono<Map<String, Object>> model(ShownProblem problem, ServerWebExchange exchange) {
        return Mono.just(Map.of());
    }
}
