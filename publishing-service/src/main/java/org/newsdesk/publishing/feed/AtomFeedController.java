package org.newsdesk.publishing.feed;

import static org.newsdesk.publishing.feed.AtomFeeds.link;
import static org.newsdesk.publishing.feed.AtomFeeds.text;
import static org.newsdesk.publishing.feed.AtomFeeds.xml;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Entry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.caching.Lifetime;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryPage;
import org.newsdesk.publishing.story.StoryQuery;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The Atom feeds. Every entry is complete for a feed reader: its title, the story's address, an id
 * that never changes (a {@code tag:} URI of the story's id, so a moved domain or a changed slug
 * does not make readers see the story again as new), when it was published and last changed, a
 * summary, the whole text, its area and category, and the outlet as its author.
 */
@RestController
@Tag(name = "Feeds", description = "Atom feeds (RFC 4287) for feed readers")
class AtomFeedController {

    static final int ENTRIES = AtomFeeds.ENTRIES;

    private final StoryRepository stories;
    private final AtomFeeds feeds;
    private final PublishingProperties publishing;
    private final String siteName;

    AtomFeedController(StoryRepository stories, AtomFeeds feeds, PublishingProperties publishing) {
        this.stories = stories;
        this.feeds = feeds;
        this.publishing = publishing;
        this.siteName = feeds.siteName();
    }

    @GetMapping(path = "/feed.atom", produces = "application/atom+xml")
    @Operation(operationId = "latestFeed", summary = "The latest stories as an Atom feed")
    @ApiResponse(
            responseCode = "200",
            description = "The " + ENTRIES + " newest stories",
            content = @Content(mediaType = "application/atom+xml", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
    Mono<ResponseEntity<String>> latest() {
        return feed(StoryQuery.ALL, "Latest stories from " + siteName, "/", "/feed.atom");
    }

    @GetMapping(path = "/areas/{area}/feed.atom", produces = "application/atom+xml")
    @Operation(operationId = "areaFeed", summary = "The latest stories of an area as an Atom feed")
    @ApiResponse(
            responseCode = "200",
            description = "The " + ENTRIES + " newest stories of the area",
            content = @Content(mediaType = "application/atom+xml", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
    @ApiResponse(
            responseCode = "404",
            description = "No story was ever published in this area",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    Mono<ResponseEntity<String>> area(
            @Parameter(description = "The area's key, as in its page's address") @PathVariable String area) {
        return section("area", "/areas/", area);
    }

    @GetMapping(path = "/categories/{category}/feed.atom", produces = "application/atom+xml")
    @Operation(operationId = "categoryFeed", summary = "The latest stories of a category as an Atom feed")
    @ApiResponse(
            responseCode = "200",
            description = "The " + ENTRIES + " newest stories of the category",
            content = @Content(mediaType = "application/atom+xml", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
    @ApiResponse(
            responseCode = "404",
            description = "No story was ever published in this category",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    Mono<ResponseEntity<String>> category(
            @Parameter(description = "The category's key, as in its page's address") @PathVariable String category) {
        return section("category", "/categories/", category);
    }

    /** A feed of an area or category nobody has published in is a 404, as its page is. */
    private Mono<ResponseEntity<String>> section(String kind, String base, String name) {
        String key = StoryQuery.key(name);
        return (key.isEmpty() ? Mono.<String>empty() : stories.sectionName(kind, key))
                .switchIfEmpty(Mono.error(() -> unknownSection(kind)))
                .flatMap(sectionName -> feed(
                        "area".equals(kind) ? StoryQuery.area(key) : StoryQuery.category(key),
                        sectionName + " · " + siteName,
                        base + key,
                        base + key + "/feed.atom"));
    }

    private Mono<ResponseEntity<String>> feed(StoryQuery query, String title, String pagePath, String feedPath) {
        return stories.page(query, null, ENTRIES)
                .map(page -> feeds.answer(
                        title,
                        pagePath,
                        feedPath,
                        updated(page),
                        page.items().stream().map(this::entry).toList()));
    }

    private Entry entry(Story story) {
        Entry entry = new Entry();
        // Tied to the story's id and the day it was published, neither of which ever changes.
        entry.setId(feeds.tag(story.publishedAt(), "stories", story.id()));
        entry.setTitle(xml(story.headline()));
        entry.setAlternateLinks(List.of(link("alternate", publishing.storyUrl(story.slug()), "text/html")));
        entry.setPublished(Date.from(story.publishedAt()));
        entry.setUpdated(Date.from(story.lastModified()));
        entry.setAuthors(List.of(feeds.outlet()));
        entry.setSummary(text(summary(story.body())));
        entry.setContents(List.of(text(story.body())));
        List<Category> categories = new ArrayList<>();
        category(categories, story.area(), "/areas/");
        category(categories, story.category(), "/categories/");
        entry.setCategories(categories);
        return entry;
    }

    private void category(List<Category> categories, String name, String base) {
        String key = StoryQuery.key(name);
        if (!key.isEmpty()) {
            Category category = new Category();
            category.setTerm(key);
            category.setLabel(xml(name.strip()));
            category.setScheme(publishing.url(base));
            categories.add(category);
        }
    }

    /** An empty feed is as old as it gets, so that it stays cacheable. */
    private static Instant updated(StoryPage page) {
        // A withdrawal changes every feed the story was in (StoryPage.lastModified).
        Instant lastModified = page.lastModified();
        return lastModified == null ? Instant.EPOCH : lastModified;
    }

    private static String summary(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        if (flat.length() <= 280) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', 277);
        return flat.substring(0, cut > 140 ? cut : 277).strip() + "…";
    }

    /** A feed of an area or category nobody has published in yet, which may change in a minute. */
    private static ProblemException unknownSection(String kind) {
        return Lifetime.notKept(ProblemException.of(
                HttpStatus.NOT_FOUND,
                "area".equals(kind) ? "Area not found" : "Category not found",
                "No story has been published in this " + kind + "."));
    }
}
