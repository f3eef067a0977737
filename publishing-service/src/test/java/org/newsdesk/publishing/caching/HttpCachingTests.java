package org.newsdesk.publishing.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

@PublishingIntegrationTest
class HttpCachingTests {

    @Autowired
    WebTestClient web;

    @Autowired
    StoryRepository stories;

    @Test
    void everyKindOfAnswerCarriesValidatorsAndALifetimeAndIsNotSentAgainWhenUnchanged() {
        // Given a story
        Story story = store("Cached story " + Decisions.newTipId().substring(0, 6), Instant.now());

        for (String path : List.of(
                "/api/stories",
                "/api/stories/" + story.slug(),
                "/",
                "/stories/" + story.slug(),
                "/areas/erewash",
                "/categories/roads",
                "/search?q=cached",
                "/feed.atom",
                "/areas/erewash/feed.atom",
                "/sitemap.xml",
                "/v3/api-docs")) {
            // When a client fetches it, then asks again with the tag it got
            EntityExchangeResult<byte[]> first = web.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .exists(HttpHeaders.ETAG)
                    .expectHeader()
                    .valueMatches(
                            HttpHeaders.CACHE_CONTROL,
                            "public, max-age=\\d+, s-maxage=\\d+, stale-while-revalidate=\\d+, stale-if-error=\\d+")
                    .expectBody()
                    .returnResult();
            String etag = first.getResponseHeaders().getETag();

            // Then the second answer is 304 without a body, with the same tag and lifetime
            web.get()
                    .uri(path)
                    .header(HttpHeaders.IF_NONE_MATCH, etag)
                    .exchange()
                    .expectStatus()
                    .isNotModified()
                    .expectHeader()
                    .valueEquals(HttpHeaders.ETAG, etag)
                    .expectHeader()
                    .valueEquals(
                            HttpHeaders.CACHE_CONTROL,
                            first.getResponseHeaders().getCacheControl())
                    .expectBody()
                    .isEmpty();
            // And a weak form of the tag, or a list holding it, matches too; another tag does not
            web.get()
                    .uri(path)
                    .header(HttpHeaders.IF_NONE_MATCH, "\"other\", W/" + etag)
                    .exchange()
                    .expectStatus()
                    .isNotModified();
            web.get()
                    .uri(path)
                    .header(HttpHeaders.IF_NONE_MATCH, "\"other\"")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void aChangedStoryChangesItsTagAndItsLastModified() {
        // Given a story fetched once
        String tipId = Decisions.newTipId();
        Instant published = Instant.parse("2024-03-01T10:15:30.456Z");
        Story story = stories.store(new StoryDraft(
                        tipId, "Before correction", "Text.", "Erewash", "Roads", published, Decisions.DECIDED_REVISION))
                .block();
        String path = "/stories/" + story.slug();
        EntityExchangeResult<byte[]> before = web.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        assertThat(before.getResponseHeaders().getLastModified()).isEqualTo(published.toEpochMilli() / 1000 * 1000);

        // When it was not modified since, a client asking by date alone gets 304; asking by an older date, 200
        web.get()
                .uri(path)
                .header(HttpHeaders.IF_MODIFIED_SINCE, http(published))
                .exchange()
                .expectStatus()
                .isNotModified();
        web.get()
                .uri(path)
                .header(HttpHeaders.IF_MODIFIED_SINCE, http(published.minusSeconds(1)))
                .exchange()
                .expectStatus()
                .isOk();

        // When the story is corrected an hour later
        Instant corrected = published.plusSeconds(3600);
        stories.store(new StoryDraft(
                        tipId,
                        "After correction",
                        "Text.",
                        "Erewash",
                        "Roads",
                        corrected,
                        Decisions.DECIDED_REVISION + 1))
                .block();

        // Then the old tag and the old date no longer match, and the new date is the correction's
        EntityExchangeResult<byte[]> after = web.get()
                .uri(path)
                .header(HttpHeaders.IF_NONE_MATCH, before.getResponseHeaders().getETag())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        assertThat(after.getResponseHeaders().getETag())
                .isNotEqualTo(before.getResponseHeaders().getETag());
        assertThat(after.getResponseHeaders().getLastModified()).isEqualTo(corrected.toEpochMilli() / 1000 * 1000);
        web.get()
                .uri(path)
                .header(HttpHeaders.IF_MODIFIED_SINCE, http(published))
                .exchange()
                .expectStatus()
                .isOk();
        // And the API says the same
        web.get()
                .uri("/api/stories/" + story.slug())
                .header(HttpHeaders.IF_MODIFIED_SINCE, http(corrected))
                .exchange()
                .expectStatus()
                .isNotModified();
    }

    @Test
    void problemsAreNeverCached() {
        web.get()
                .uri("/api/stories/no-such-story")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectHeader()
                .doesNotExist(HttpHeaders.ETAG);
        web.get()
                .uri("/stories/no-such-story")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Test
    void otherSitesMayReadTheApiFromBrowsersButNothingElse() {
        // A cross-origin GET of the API is allowed, and its validators are readable
        web.get()
                .uri("/api/stories")
                .header(HttpHeaders.ORIGIN, "https://other.example")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("ETag", "Last-Modified"));
        // A preflight for GET passes; one for anything that writes does not
        web.options()
                .uri("/api/stories")
                .header(HttpHeaders.ORIGIN, "https://other.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        methods -> assertThat(methods).contains("GET").doesNotContain("POST", "DELETE"));
        web.options()
                .uri("/api/stories")
                .header(HttpHeaders.ORIGIN, "https://other.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "DELETE")
                .exchange()
                .expectStatus()
                .isForbidden();
        // And pages and feeds carry no CORS permission at all
        for (String path : List.of("/", "/feed.atom")) {
            web.get()
                    .uri(path)
                    .header(HttpHeaders.ORIGIN, "https://other.example")
                    .exchange()
                    .expectHeader()
                    .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        }
    }

    private Story store(String headline, Instant publishedAt) {
        return stories.store(new StoryDraft(
                        Decisions.newTipId(),
                        headline,
                        "Text.",
                        "Erewash",
                        "Roads",
                        publishedAt,
                        Decisions.DECIDED_REVISION))
                .block();
    }

    private static String http(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
