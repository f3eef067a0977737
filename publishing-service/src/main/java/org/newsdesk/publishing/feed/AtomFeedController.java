package org.newsdesk.publishing.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.caching.Etags;
import org.newsdesk.publishing.caching.Lifetime;
import org.newsdesk.publishing.page.ReaderPagesProperties;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryPage;
import org.newsdesk.publishing.story.StoryQuery;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    /** What feed readers show at a time; older stories are on the pages. */
    static final int ENTRIES = 50;

    /** Characters XML 1.0 does not allow at all: a resident's text may hold them, a feed may not. */
    private static final Pattern NOT_XML =
            Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

    private final StoryRepository stories;
    private final PublishingProperties publishing;
    private final String siteName;

    AtomFeedController(StoryRepository stories, PublishingProperties publishing, ReaderPagesProperties site) {
        this.stories = stories;
        this.publishing = publishing;
        this.siteName = site.siteName();
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
        return stories.page(query, null, ENTRIES).map(page -> {
            Instant updated = updated(page);
            String atom = write(feed(page, title, pagePath, feedPath, updated));
            return ResponseEntity.ok()
                    .contentType(ATOM)
                    .eTag(Etags.of(atom))
                    .lastModified(updated)
                    .header(HttpHeaders.CACHE_CONTROL, Lifetime.FEED.cacheControl())
                    .body(atom);
        });
    }

    private Feed feed(StoryPage page, String title, String pagePath, String feedPath, Instant updated) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(publishing.url(feedPath));
        feed.setTitle(xml(title));
        feed.setUpdated(Date.from(updated));
        feed.setAlternateLinks(List.of(link("alternate", publishing.url(pagePath), "text/html")));
        feed.setOtherLinks(List.of(link("self", publishing.url(feedPath), "application/atom+xml")));
        feed.setAuthors(List.of(outlet()));
        feed.setLanguage("en-GB");
        List<Entry> entries = new ArrayList<>();
        for (Story story : page.items()) {
            entries.add(entry(story));
        }
        feed.setEntries(entries);
        return feed;
    }

    private Entry entry(Story story) {
        Entry entry = new Entry();
        entry.setId(tag(story));
        entry.setTitle(xml(story.headline()));
        entry.setAlternateLinks(List.of(link("alternate", publishing.storyUrl(story.slug()), "text/html")));
        entry.setPublished(Date.from(story.publishedAt()));
        entry.setUpdated(Date.from(story.lastModified()));
        entry.setAuthors(List.of(outlet()));
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

    /**
     * {@code tag:host,date:stories/id} (RFC 4151): tied to the story's id and the day it was
     * published, neither of which ever changes.
     */
    private String tag(Story story) {
        String host = publishing.publicBaseUrl().getHost();
        return "tag:" + host + "," + story.publishedAt().atZone(ZoneOffset.UTC).toLocalDate() + ":stories/"
                + story.id();
    }

    private Person outlet() {
        Person outlet = new Person();
        outlet.setName(xml(siteName));
        outlet.setUri(publishing.url("/"));
        return outlet;
    }

    private static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    /** ROME's content; the OpenAPI annotation of the same name describes the answers. */
    private static com.rometools.rome.feed.atom.Content text(String value) {
        var content = new com.rometools.rome.feed.atom.Content();
        content.setType(com.rometools.rome.feed.atom.Content.TEXT);
        content.setValue(xml(value));
        return content;
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

    static String xml(String text) {
        return text == null ? "" : NOT_XML.matcher(text).replaceAll("");
    }

    private static String write(Feed feed) {
        try {
            return new WireFeedOutput().outputString(feed, true);
        } catch (FeedException e) {
            // Everything in the feed is ours or stripped of what XML forbids: this is a bug.
            throw new IllegalStateException("Could not write the Atom feed " + feed.getId(), e);
        }
    }

    /** A feed of an area or category nobody has published in yet, which may change in a minute. */
    private static ProblemException unknownSection(String kind) {
        return Lifetime.notKept(ProblemException.of(
                HttpStatus.NOT_FOUND,
                "area".equals(kind) ? "Area not found" : "Category not found",
                "No story has been published in this " + kind + "."));
    }
}
