package org.newsdesk.publishing.page;

import java.util.Map;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.web.problem.ProblemPages;
import org.newsdesk.web.problem.ShownProblem;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** A reader who follows a broken link gets the outlet's page, with its masthead and the way to the front page. */
@Component
class ReaderProblemPages implements ProblemPages {

    private final ReaderPagesProperties site;
    private final PublishingProperties publishing;

    ReaderProblemPages(ReaderPagesProperties site, PublishingProperties publishing) {
        this.site = site;
        this.publishing = publishing;
    }

    @Override
    public String view() {
        return "problem";
    }

    @Override
    public Mono<Map<String, Object>> model(ShownProblem problem, ServerWebExchange exchange) {
        PageMeta meta = PageMeta.website(
                problem.title() + " · " + site.siteName(),
                problem.explanation(),
                publishing.url("/"),
                publishing.url("/feed.atom"),
                "Latest stories from " + site.siteName());
        return Mono.just(Map.of("site", site, "meta", meta));
    }
}
