package org.newsdesk.moderation.web;

import java.util.HashMap;
import java.util.Map;
import org.newsdesk.web.problem.ProblemPages;
import org.newsdesk.web.problem.ShownProblem;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A moderator who meets a mistake in a browser (a tip that is not there, a form sent twice, a role
 * they lack) gets a page with the workspace's masthead, and the way back to the queue.
 */
@Component
class ModeratorProblemPages implements ProblemPages {

    private final PageModel layout;

    ModeratorProblemPages(PageModel layout) {
        this.layout = layout;
    }

    @Override
    public String view() {
        return "problem";
    }

    /** What every moderator page's layout has; resolved here, as no controller's advice runs for a refusal. */
    @Override
    public Mono<Map<String, Object>> model(ShownProblem problem, ServerWebExchange exchange) {
        Map<String, Object> model = new HashMap<>();
        return Mono.when(
                        layout.csrf(exchange).doOnNext(token -> model.put("_csrf", token)),
                        layout.editor(exchange).doOnNext(editor -> model.put("editor", editor)),
                        layout.me(exchange).doOnNext(me -> model.put("me", me)))
                .then(Mono.fromSupplier(() -> {
                    if (!model.containsKey("_csrf")) {
                        // The API's HTTP Basic callers have no session to sign out of: the masthead
                        // shows no sign-out form, which needs the token.
                        model.remove("me");
                    }
                    return model;
                }));
    }
}
