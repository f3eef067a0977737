package org.newsdesk.publishing.page;

import jakarta.validation.Valid;
import java.util.Map;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.caching.Lifetime;
import org.newsdesk.publishing.story.CorrectionNotices;
import org.newsdesk.web.paging.PageLimits;
import org.newsdesk.web.problem.ShownProblem;
import org.newsdesk.web.time.OutletTime;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The corrections column ({@code /corrections}): every correction and withdrawal, newest first,
 * each with its date, the note or reason, and a link to the story (or to what is left of it, its
 * {@code 410} page). Like the Guardian's corrections and clarifications column, it says in public
 * what the newsroom got wrong.
 */
@Controller
class CorrectionsPageController {

    private final CorrectionNotices notices;
    private final ReaderPagesProperties site;
    private final PublishingProperties publishing;
    private final OutletTime time;

    CorrectionsPageController(
            CorrectionNotices notices, ReaderPagesProperties site, PublishingProperties publishing, OutletTime time) {
        this.notices = notices;
        this.site = site;
        this.publishing = publishing;
        this.time = time;
    }

    @GetMapping(path = "/corrections", produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> corrections(@Valid CorrectionsQuery query, ServerWebExchange exchange) {
        boolean first = query.cursor() == null;
        PageMeta meta = PageMeta.website(
                (first ? "Corrections" : "Older corrections") + " · " + site.siteName(),
                "Every correction and withdrawal of a story by " + site.siteName() + ", newest first.",
                publishing.url("/corrections"),
                publishing.url("/corrections.atom"),
                "Corrections from " + site.siteName());
        return notices.page(query.cursor(), PageLimits.orDefault(query.limit(), CorrectionsQuery.DEFAULT_LIMIT))
                .map(page -> CacheablePage.of(
                        exchange,
                        "corrections",
                        Map.of(
                                "site",
                                site,
                                "meta",
                                meta,
                                "page",
                                CorrectionsView.of(page, first, query.limit(), time)),
                        page.items().isEmpty() ? null : page.items().get(0).at(),
                        Lifetime.PAGE));
    }

    /** A link to older corrections that is broken (cut short, or made up): a page that says so. */
    @ExceptionHandler(WebExchangeBindException.class)
    Rendering brokenLink() {
        String title = "This link to more corrections is broken";
        String detail = "It may have been cut short when it was copied. The first page lists the newest corrections.";
        return Rendering.view("problem")
                .status(HttpStatus.BAD_REQUEST)
                .header(HttpHeaders.CACHE_CONTROL, Lifetime.NOT_KEPT)
                .modelAttribute("site", site)
                .modelAttribute(
                        "meta",
                        PageMeta.website(
                                title + " · " + site.siteName(),
                                detail,
                                publishing.url("/corrections"),
                                publishing.url("/corrections.atom"),
                                "Corrections from " + site.siteName()))
                .modelAttribute("problem", ShownProblem.worded(HttpStatus.BAD_REQUEST, title, detail))
                .build();
    }
}
