package org.newsdesk.publishing.page;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.caching.Lifetime;
import org.newsdesk.publishing.story.PublishedPhoto;
import org.newsdesk.publishing.story.SearchPosition;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryPosition;
import org.newsdesk.publishing.story.StoryQuery;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.web.problem.ShownProblem;
import org.newsdesk.web.time.OutletTime;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The pages for readers: the front page, a page per area, per category and per story, and the
 * search, at the addresses {@code StoryPublished} announces and residents' receipts link to. Only
 * HTML is served here; the same stories as data are under {@code /api/stories}, and every list
 * here pages with the API's positions, so it neither repeats nor skips a story while new ones come.
 * A reader who follows a broken link gets a page that says so, not an error meant for programs.
 */
@Controller
class ReaderPagesController {

    /** Enough to see what is going on in the area at a glance, few enough for a phone. */
    static final int FRONT_PAGE_SIZE = 20;

    /** A search box takes more, but nobody types more; longer text is cut, not refused. */
    static final int MAX_QUERY_LENGTH = 200;

    private final StoryRepository stories;
    private final ReaderPagesProperties site;
    private final PublishingProperties publishing;
    private final OutletTime time;

    ReaderPagesController(
            StoryRepository stories, ReaderPagesProperties site, PublishingProperties publishing, OutletTime time) {
        this.stories = stories;
        this.site = site;
        this.publishing = publishing;
        this.time = time;
    }

    /** A newest-first list's parameters: where it goes on, from the page's own link. */
    record ListQuery(@Nullable StoryPosition cursor) {}

    /** The search's parameters: the words, and where the best matches go on. */
    record SearchQuery(@Nullable String q, @Nullable SearchPosition cursor) {}

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> frontPage(ListQuery query, ServerWebExchange exchange) {
        PageMeta meta = PageMeta.website(
                query.cursor() == null ? site.siteName() : title("Older stories"),
                "The latest local news from " + site.siteName() + ", as residents told it.",
                publishing.url("/"),
                publishing.url("/feed.atom"),
                "Latest stories from " + site.siteName());
        return newestFirst(
                exchange,
                StoryQuery.ALL,
                query.cursor(),
                meta,
                first -> first ? "Latest stories" : "Older stories",
                "/",
                "No stories have been published yet. The first ones will appear here as soon as the newsroom "
                        + "approves them.");
    }

    @GetMapping(path = "/areas/{area}", produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> area(@PathVariable String area, ListQuery query, ServerWebExchange exchange) {
        return section("area", "/areas/", area, query, exchange);
    }

    @GetMapping(path = "/categories/{category}", produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> category(@PathVariable String category, ListQuery query, ServerWebExchange exchange) {
        return section("category", "/categories/", category, query, exchange);
    }

    /**
     * An area or category page. Its address is its key ({@code /areas/long-eaton}); any other
     * spelling of the name is redirected there. A configured area or category (every page links
     * to them) has its page even before its first story; any other name nobody has published in
     * is a 404 page that says so, rather than an empty list that looks like a quiet week.
     */
    private Mono<Rendering> section(
            String kind, String base, String name, ListQuery query, ServerWebExchange exchange) {
        String key = StoryQuery.key(name);
        if (key.isEmpty()) {
            return Mono.just(unknownSection(kind));
        }
        if (!key.equals(name)) {
            String target = UriComponentsBuilder.fromPath(base + key)
                    .queryParamIfPresent(
                            "cursor", Optional.ofNullable(query.cursor()).map(StoryPosition::cursor))
                    .build()
                    .toUriString();
            return Mono.just(Rendering.redirectTo(target)
                    .status(HttpStatus.MOVED_PERMANENTLY)
                    .build());
        }
        StoryQuery inSection = "area".equals(kind) ? StoryQuery.area(key) : StoryQuery.category(key);
        Optional<String> configured = ("area".equals(kind) ? site.areaSections() : site.categorySections())
                .stream()
                        .filter(section -> section.key().equals(key))
                        .map(StoryListView.Section::name)
                        .findFirst();
        return stories.sectionName(kind, key)
                .switchIfEmpty(Mono.justOrEmpty(configured))
                .flatMap(sectionName -> {
                    String path = base + key;
                    PageMeta meta = PageMeta.website(
                            title(sectionName),
                            "Local news " + ("area".equals(kind) ? "from " : "about ") + sectionName + ", from "
                                    + site.siteName() + ".",
                            publishing.url(path),
                            publishing.url(path + "/feed.atom"),
                            sectionName + " · " + site.siteName());
                    return newestFirst(
                            exchange,
                            inSection,
                            query.cursor(),
                            meta,
                            first -> first ? sectionName : "Older stories · " + sectionName,
                            path,
                            "There are no stories " + ("area".equals(kind) ? "from " : "about ") + sectionName
                                    + " at the moment.");
                })
                .defaultIfEmpty(unknownSection(kind));
    }

    private Rendering unknownSection(String kind) {
        return "area".equals(kind)
                ? problem(
                        HttpStatus.NOT_FOUND,
                        "Area not found",
                        "We have not published any stories from this area. The front page lists every story.")
                : problem(
                        HttpStatus.NOT_FOUND,
                        "Category not found",
                        "We have not published any stories in this category. The front page lists every story.");
    }

    private Mono<Rendering> newestFirst(
            ServerWebExchange exchange,
            StoryQuery query,
            @Nullable StoryPosition after,
            PageMeta meta,
            Function<Boolean, String> heading,
            String path,
            String emptyText) {
        boolean first = after == null;
        return stories.page(query, after, FRONT_PAGE_SIZE)
                .map(page -> CacheablePage.of(
                        exchange,
                        "list",
                        Map.of(
                                "site",
                                site,
                                "meta",
                                meta,
                                "page",
                                StoryListView.of(
                                        heading.apply(first),
                                        page,
                                        first,
                                        path,
                                        first ? emptyText : "There are no older stories.",
                                        time)),
                        page.lastModified(),
                        Lifetime.PAGE));
    }

    @GetMapping(path = "/search", produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> search(SearchQuery query, ServerWebExchange exchange) {
        String text = query.q() == null ? "" : query.q().strip();
        if (text.length() > MAX_QUERY_LENGTH) {
            text = text.substring(0, MAX_QUERY_LENGTH);
        }
        String path = UriComponentsBuilder.fromPath("/search")
                .queryParam("q", text)
                .encode()
                .build()
                .toUriString();
        PageMeta meta = PageMeta.website(
                title(text.isEmpty() ? "Search" : "Search: " + text),
                "Search the local news of " + site.siteName() + ".",
                publishing.url("/search"),
                publishing.url("/feed.atom"),
                "Latest stories from " + site.siteName());
        if (text.isEmpty()) {
            return Mono.just(CacheablePage.of(
                    exchange,
                    "search",
                    Map.of("site", site, "meta", meta, "q", "", "searchPage", true),
                    null,
                    Lifetime.PAGE));
        }
        String words = text;
        boolean first = query.cursor() == null;
        return stories.search(StoryQuery.of(words, null, null), query.cursor(), FRONT_PAGE_SIZE)
                .map(page -> CacheablePage.of(
                        exchange,
                        "search",
                        Map.of(
                                "site",
                                site,
                                "meta",
                                meta,
                                "q",
                                words,
                                "searchPage",
                                true,
                                "page",
                                StoryListView.of(
                                                (first ? "Stories" : "More stories") + " matching “" + words + "”",
                                                page,
                                                first,
                                                path,
                                                first
                                                        ? "No story matches your words. Try fewer words, or other ones."
                                                        : "There are no more matching stories.",
                                                time)
                                        .labelled("Best matches", "More matches")),
                        page.lastModified(),
                        Lifetime.PAGE));
    }

    @GetMapping(path = "/stories/{slug}", produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> story(@PathVariable String slug, ServerWebExchange exchange) {
        return stories.findBySlug(slug)
                .map(story -> story.retracted() ? withdrawn(story) : storyPage(story, exchange))
                .defaultIfEmpty(problem(
                        HttpStatus.NOT_FOUND,
                        "Story not found",
                        "No story is published under this address. It may have been mistyped, "
                                + "or the link cut short."));
    }

    private Rendering storyPage(Story story, ServerWebExchange exchange) {
        PageMeta.Image image =
                story.photos().isEmpty() ? null : image(story.photos().get(0), story.headline());
        PageMeta meta = new PageMeta(
                title(story.headline()),
                PageMeta.summary(story.body()),
                publishing.storyUrl(story.slug()),
                publishing.url("/feed.atom"),
                "Latest stories from " + site.siteName(),
                "article",
                story.publishedAt().toString(),
                image);
        StoryView view = StoryView.of(story, time);
        return CacheablePage.of(
                exchange,
                "story",
                Map.of(
                        "site",
                        site,
                        "meta",
                        meta,
                        "story",
                        view,
                        "jsonLd",
                        StoryJsonLd.of(story, view, publishing.storyUrl(story.slug()), site.siteName(), image)),
                story.lastModified(),
                Lifetime.PAGE);
    }

    /**
     * A withdrawn story: {@code 410 Gone}, with when and why, and nothing of its text or photos.
     * Never cached nor answered with a {@code 304}, so no copy of the story it was outlives it.
     */
    private Rendering withdrawn(Story story) {
        Story.Retraction retraction = story.retraction();
        return Rendering.view("withdrawn")
                .status(HttpStatus.GONE)
                .header(HttpHeaders.CACHE_CONTROL, Lifetime.NOT_KEPT)
                .modelAttribute("site", site)
                .modelAttribute(
                        "meta",
                        PageMeta.website(
                                title("Story withdrawn"),
                                "The newsroom withdrew this story.",
                                // Not the story's address, whose slug is made of its headline.
                                publishing.url("/corrections"),
                                publishing.url("/feed.atom"),
                                "Latest stories from " + site.siteName()))
                .modelAttribute(
                        "withdrawal",
                        new Withdrawal(
                                time.dateTime(retraction.at()),
                                retraction.reason().strip(),
                                time.dateTime(story.publishedAt())))
                .build();
    }

    /** What the page of a withdrawn story says: when it was withdrawn, why, and when it was published. */
    record Withdrawal(OutletTime.Shown date, String reason, OutletTime.Shown published) {}

    /**
     * A link to more stories whose cursor this service never handed out (cut short when it was
     * copied, or made up): a page that says so, rather than the problem detail a program gets.
     * (A cursor given by its parts, {@code cursor.id=...}, never gets here: the shared filter of
     * field names refuses it first.)
     */
    @ExceptionHandler(WebExchangeBindException.class)
    Rendering brokenCursor() {
        return problem(
                HttpStatus.BAD_REQUEST,
                "This link to more stories is broken",
                "It may have been cut short when it was copied. The first page of the list has the newest stories.");
    }

    /** What a reader gets instead of a page, with the same status a program would; no cache keeps it. */
    private Rendering problem(HttpStatus status, String title, String detail) {
        return Rendering.view("problem")
                .status(status)
                .header(HttpHeaders.CACHE_CONTROL, Lifetime.NOT_KEPT)
                .modelAttribute("site", site)
                .modelAttribute(
                        "meta",
                        PageMeta.website(
                                title(title),
                                detail,
                                publishing.url("/"),
                                publishing.url("/feed.atom"),
                                "Latest stories from " + site.siteName()))
                .modelAttribute("problem", ShownProblem.worded(status, title, detail))
                .build();
    }

    /** The picture a shared link previews with: the story's first photo, large. */
    private PageMeta.Image image(PublishedPhoto photo, String headline) {
        PublishedPhoto.Variant large = photo.upTo(1600);
        return new PageMeta.Image(
                publishing.url("/photos/" + large.id()), large.width(), large.height(), photo.alt(headline));
    }

    /** A page's title: what it is, then whose. */
    private String title(String what) {
        return what + " · " + site.siteName();
    }
}
