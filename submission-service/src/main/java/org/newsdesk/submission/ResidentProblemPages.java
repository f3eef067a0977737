package org.newsdesk.submission;

import java.util.Map;
import org.newsdesk.web.problem.ProblemPages;
import org.newsdesk.web.problem.ShownProblem;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** A resident who meets a mistake in a browser gets the outlet's page, with the way back to the form. */
@Component
class ResidentProblemPages implements ProblemPages {

    private final OutletProperties outlet;

    ResidentProblemPages(OutletProperties outlet) {
        this.outlet = outlet;
    }

    @Override
    public String view() {
        return ResidentPages.PROBLEM;
    }

    @Override
    public Mono<Map<String, Object>> model(ShownProblem problem, ServerWebExchange exchange) {
        return Mono.just(Map.of("outlet", outlet));
    }
}
