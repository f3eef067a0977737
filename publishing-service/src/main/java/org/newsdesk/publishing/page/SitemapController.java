package org.newsdesk.publishing.page;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.caching.Etags;
import org.newsdesk.publishing.caching.Lifetime;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryPage;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /sitemap.xml} for search engines (sitemaps.org protocol): the front page, every area and
 * category page, and the newest stories, each with when it last changed, written by the template
 * {@code sitemap.xml}; and {@code /robots.txt} pointing at it.
 */
@Controller
@Tag(name = "Pages", description = "The pages for readers and what search engines read")
class SitemapController {

    /** The protocol's limit for one sitemap file. */
    static final int MAX_URLS = 50_000;

    private final StoryRepository stories;
    private final PublishingProperties publishing;

    SitemapController(StoryRepository stories, PublishingProperties publishing) {
        this.stories = stories;
        this.publishing = publishing;
    }

    /** One address of the sitemap, and when what is there last changed ({@code null} when unknown). */
    record Location(String url, @Nullable Instant lastModified) {}

    @GetMapping(path = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
    Mono<Rendering> sitemap(ServerWebExchange exchange) {
        return Mono.zip(
                        stories.sections("area"),
                        stories.sections("category"),
                        stories.newest(MAX_URLS - 1_000).collectList(),
                        stories.lastWithdrawal().map(Optional::of).defaultIfEmpty(Optional.empty()))
                .map(all -> {
                    List<Story> newest = all.getT3();
                    // A withdrawn story leaves the sitemap: that changes it too.
                    Instant latest = new StoryPage(newest, null, all.getT4().orElse(null)).lastModified();
                    List<Location> locations = new ArrayList<>();
                    locations.add(new Location(publishing.url("/"), latest));
                    sections(locations, "/areas/", all.getT1());
                    sections(locations, "/categories/", all.getT2());
                    newest.forEach(story ->
                            locations.add(new Location(publishing.storyUrl(story.slug()), story.lastModified())));
                    return CacheablePage.of(
                            exchange, "sitemap.xml", Map.of("locations", locations), latest, Lifetime.DOCUMENT);
                });
    }

    @GetMapping(path = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResponseBody
    @Operation(operationId = "robots", summary = "Where crawlers may go, and where the sitemap is")
    @ApiResponse(
            responseCode = "200",
            description = "robots.txt",
            content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
    ResponseEntity<String> robots() {
        String robots = "User-agent: *\nDisallow: /api/\nSitemap: " + publishing.url("/sitemap.xml") + "\n";
        return ResponseEntity.ok()
                .eTag(Etags.of(robots))
                .header(HttpHeaders.CACHE_CONTROL, Lifetime.DOCUMENT.cacheControl())
                .body(robots);
    }

    private void sections(List<Location> locations, String base, Map<String, String> sections) {
        sections.keySet().forEach(key -> locations.add(new Location(publishing.url(base + key), null)));
    }
}
