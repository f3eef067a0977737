package org.newsdesk.publishing.page;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * {@code /sitemap.xml} for search engines (sitemaps.org protocol): the front page, every area and
 * category page, and the newest stories, each with when it last changed; and {@code /robots.txt}
 * pointing at it.
 */
@RestController
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

    @GetMapping(path = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(operationId = "sitemap", summary = "The sitemap (sitemaps.org) of the front page, areas, categories and stories")
    @ApiResponse(responseCode = "200", description = "The sitemap",
            content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
    Mono<ResponseEntity<String>> sitemap() {
        return Mono.zip(stories.sections("area"), stories.sections("category"),
                        stories.newest(MAX_URLS - 1_000).collectList())
                .map(all -> {
                    List<Story> newest = all.getT3();
                    Instant latest = newest.stream().map(Story::lastModified).max(Comparator.naturalOrder())
                            .orElse(null);
                    StringBuilder xml = new StringBuilder(
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                    + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
                    url(xml, publishing.url("/"), latest);
                    sections(xml, "/areas/", all.getT1());
                    sections(xml, "/categories/", all.getT2());
                    newest.forEach(story -> url(xml, publishing.storyUrl(story.slug()), story.lastModified()));
                    xml.append("</urlset>\n");
                    ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_XML);
                    if (latest != null) {
                        answer.header(HttpHeaders.LAST_MODIFIED, ReaderPagesController.httpDate(latest));
                    }
                    return answer.body(xml.toString());
                });
    }

    @GetMapping(path = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(operationId = "robots", summary = "Where crawlers may go, and where the sitemap is")
    @ApiResponse(responseCode = "200", description = "robots.txt",
            content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified", content = @Content)
    String robots() {
        return "User-agent: *\nDisallow: /api/\nSitemap: " + publishing.url("/sitemap.xml") + "\n";
    }

    private void sections(StringBuilder xml, String base, Map<String, String> sections) {
        sections.keySet().forEach(key -> url(xml, publishing.url(base + key), null));
    }

    private static void url(StringBuilder xml, String location, Instant lastModified) {
        xml.append("  <url><loc>").append(HtmlUtils.htmlEscape(location, "UTF-8")).append("</loc>");
        if (lastModified != null) {
            xml.append("<lastmod>").append(lastModified).append("</lastmod>");
        }
        xml.append("</url>\n");
    }
}
