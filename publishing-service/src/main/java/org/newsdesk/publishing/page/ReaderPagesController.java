package org.newsdesk.publishing.page;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.StoryCursor;
import org.newsdesk.publishing.story.StoryPosition;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/**
 * The front page and the story pages, the addresses {@code StoryPublished} announces and
 * residents' receipts link to. Only HTML is served here; the same stories as data are under
 * {@code /api/stories}.
 */
@Controller
class ReaderPagesController {

    /** Enough to see what is going on in the area at a glance, few enough for a phone. */
    static final int FRONT_PAGE_SIZE = 20;

    private final StoryRepository stories;
    private final ReaderPagesProperties site;

    ReaderPagesController(StoryRepository stories, ReaderPagesProperties site) {
        this.stories = stories;
        this.site = site;
    }

    @ModelAttribute("site")
    ReaderPagesProperties site() {
        return site;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> frontPage(@RequestParam(required = false) @Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return frontPageAfter(null);
        }
        Optional<StoryPosition> after = StoryCursor.decode(cursor);
        if (after.isEmpty()) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, "This link to older stories is broken",
                    "It may have been cut short when it was copied. The front page lists the newest stories."));
        }
        return frontPageAfter(after.get());
    }

    private Mono<Rendering> frontPageAfter(@Nullable StoryPosition after) {
        return stories.page(after, FRONT_PAGE_SIZE)
                .map(page -> Rendering.view("front-page")
                        .modelAttribute("page", FrontPageView.of(page, after == null, site.timeZone()))
                        .build());
    }

    @GetMapping(path = "/stories/{slug}", produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> story(@PathVariable String slug) {
        return stories.findBySlug(slug)
                .map(story -> Rendering.view("story")
                        .modelAttribute("story", StoryView.of(story, site.timeZone()))
                        .build())
                .defaultIfEmpty(problem(HttpStatus.NOT_FOUND, "Story not found",
                        "No story is published under this address. It may have been mistyped, "
                                + "or the link cut short."));
    }

    private static Rendering problem(HttpStatus status, String title, String detail) {
        return Rendering.view("problem")
                .status(status)
                .modelAttribute("title", title)
                .modelAttribute("detail", detail)
                .build();
    }
}
