package org.newsdesk.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.web.paging.PageCursor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requests no client should send, as a careless or hostile one does: odd cursors, limits, words,
 * slugs and photo ids, every method, odd Accept and validator headers. Each is the client's
 * mistake, answered with a 4xx (problem details for programs, the HTML page for readers), or
 * harmless and answered as usual; none reaches a 5xx.
 */
@PublishingIntegrationTest
class MalformedRequestsTests {

    @Autowired
    WebTestClient web;

    @Autowired
    StoryRepository stories;

    @LocalServerPort
    int port;

    @Test
    void cursorsThisServiceNeverHandedOutAreProblemsNamingTheCursor() {
        for (String cursor : List.of(
                "a".repeat(600),
                token("v1:99999999999999999999:x"),
                token("v1:1:"),
                token("s1:1:2:0:x"),
                token("s1:-1:0:0:x"),
                token("s1:2147483648:0:0:x"),
                "%FF%FE",
                "%00")) {
            // When a client sends one
            // Then the API names the cursor, and a reader gets the page that says the link is broken
            web.get()
                    .uri(uri("/api/stories?cursor=" + cursor))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("cursor")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo(PageCursor.NOT_OURS);
            for (String page : List.of("/?cursor=", "/areas/erewash?cursor=", "/search?q=odd&cursor=")) {
                web.get()
                        .uri(uri(page + cursor))
                        .accept(MediaType.TEXT_HTML)
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                        .expectBody(String.class)
                        .value(html -> assertThat(html).contains("<h1>This link to more stories is broken</h1>"));
            }
        }
    }

    @Test
    void aCursorGivenByItsPartsIsRefusedNeverBuiltFromThem() {
        // Query parameters are plain names in every service: the shared filter refuses these before
        // the binder could build a position field by field. (A browser gets the same refusal as a
        // page: ProblemPagesBrowserTests.)
        for (String page : List.of(
                "/?cursor.id=x",
                "/?cursor.publishedAt=2024-01-01T00:00:00Z",
                "/?cursor%5B0%5D=x",
                "/areas/erewash?cursor.id=x",
                "/search?q=odd&cursor.wordsMatched=9&cursor.headlineWords=10"
                        + "&cursor.publishedAt=2024-01-01T00:00:00Z&cursor.id=x",
                "/api/stories?cursor.id=x")) {
            web.get()
                    .uri(uri(page))
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("is not a field name this service reads");
        }
    }

    @Test
    void limitsThatAreNoWholeNumberFromOneToAHundredAreProblems() {
        for (String limit : List.of("%2B5", "%D9%A5", "0x10", "1e2", "-0", "%00", "5%20abc")) {
            web.get()
                    .uri(uri("/api/stories?limit=" + limit))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("limit")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("must be a whole number from 1 to 100");
        }
    }

    @Test
    void oddWordsAndSectionsAreSearchedForOrRefusedNeverFailed() {
        // Control characters, bytes that are no UTF-8, a lone surrogate, markup: words like any other
        for (String odd : List.of("%00", "%FF%FE", "%ED%A0%80", "%E2%80%AE", "%0D%0A", "%3Cscript%3E", "*", "(")) {
            web.get()
                    .uri(uri("/api/stories?q=" + odd))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody();
            web.get()
                    .uri(uri("/search?q=" + odd))
                    .accept(MediaType.TEXT_HTML)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody();
            web.get()
                    .uri(uri("/api/stories?area=x" + odd + "&category=y" + odd))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody();
        }
        // An area that is no name at all is a problem; a name longer than any area's is too
        web.get()
                .uri(uri("/api/stories?area=%00%0D"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("area");
        web.get()
                .uri(uri("/api/stories?category=" + "x".repeat(101)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be at most 100 characters");
    }

    @Test
    void slugsAndPhotoIdsOfAnyShapeAreNotFound() {
        for (String odd : List.of(
                "%00",
                "a".repeat(2000),
                "%FF",
                "%ED%A0%80",
                "%F0%9F%93%B0",
                "a%20b",
                "a;b=c",
                "~",
                "$",
                "x.json",
                "x%0Ay",
                "%2F",
                "000000000000000000000000")) {
            web.get()
                    .uri(uri("/api/stories/" + odd))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody();
            web.get()
                    .uri(uri("/stories/" + odd))
                    .accept(MediaType.TEXT_HTML)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody();
            web.get()
                    .uri(uri("/photos/" + odd))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody();
            web.get()
                    .uri(uri("/areas/x" + odd + "/feed.atom"))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody();
        }
        // Addresses whose slug the path leaves empty are no story's either
        for (String empty : List.of(";", "..", "%2E%2E", ".")) {
            web.get()
                    .uri(uri("/api/stories/" + empty))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody();
            web.get()
                    .uri(uri("/stories/" + empty))
                    .accept(MediaType.TEXT_HTML)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody();
        }
    }

    @Test
    void headAndOptionsAnswerAsGetDoesWithoutABody() {
        Story story = store();
        for (String path : List.of(
                "/api/stories",
                "/api/stories/" + story.slug(),
                "/",
                "/stories/" + story.slug(),
                "/feed.atom",
                "/sitemap.xml",
                "/v3/api-docs")) {
            EntityExchangeResult<byte[]> head = web.method(HttpMethod.HEAD)
                    .uri(uri(path))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult();
            assertThat(head.getResponseBody()).as(path).isNullOrEmpty();
            web.options()
                    .uri(uri(path))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("GET"))
                    .expectBody();
        }
        // And a method that changes something is not allowed anywhere
        web.post()
                .uri("/api/stories")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectBody();
    }

    @Test
    void anAcceptHeaderThatWantsNothingWeWriteIsNotAcceptable() {
        Story story = store();
        for (String accept : List.of("image/*", "application/xml", "text/csv")) {
            web.get()
                    .uri("/api/stories/" + story.slug())
                    .header(HttpHeaders.ACCEPT, accept)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(406)
                    .expectBody();
        }
        web.get()
                .uri("/stories/" + story.slug())
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isEqualTo(406)
                .expectBody();
        // What cannot be read as media types at all counts as the client's mistake too, never ours
        for (String accept : List.of("garbage", "*/*;q=abc", "text/html;;,")) {
            int status = web.get()
                    .uri("/api/stories/" + story.slug())
                    .header(HttpHeaders.ACCEPT, accept)
                    .exchange()
                    .expectBody()
                    .returnResult()
                    .getStatus()
                    .value();
            assertThat(status).as(accept).isBetween(400, 499);
        }
    }

    @Test
    void validatorsThatCannotBeReadAreIgnoredAndTheAnswerIsSent() {
        Story story = store();
        for (Map.Entry<String, String> validator : List.of(
                Map.entry(HttpHeaders.IF_NONE_MATCH, "\"unterminated"),
                Map.entry(HttpHeaders.IF_NONE_MATCH, "W/"),
                Map.entry(HttpHeaders.IF_NONE_MATCH, ",,,"),
                Map.entry(HttpHeaders.IF_NONE_MATCH, "x".repeat(4000)),
                Map.entry(HttpHeaders.IF_MODIFIED_SINCE, "yesterday"),
                Map.entry(HttpHeaders.IF_MODIFIED_SINCE, "Mon, 32 Foo 99999 25:61:61 GMT"),
                Map.entry(HttpHeaders.IF_MATCH, "garbage"),
                Map.entry(HttpHeaders.IF_UNMODIFIED_SINCE, "nonsense"))) {
            for (String path : List.of(
                    "/api/stories/" + story.slug(), "/stories/" + story.slug(), "/feed.atom", "/photos/not-a-photo")) {
                int status = web.get()
                        .uri(path)
                        .header(validator.getKey(), validator.getValue())
                        .exchange()
                        .expectBody()
                        .returnResult()
                        .getStatus()
                        .value();
                assertThat(status)
                        .as("%s: %s on %s", validator.getKey(), validator.getValue(), path)
                        .isIn(200, 404, 412);
            }
        }
    }

    @Test
    void aSweepOfOddRequestsOverEveryEndpointFindsNoServerError() {
        Story story = store();
        List<String> paths = new ArrayList<>();
        for (String base : List.of(
                "/api/stories",
                "/",
                "/search",
                "/areas/erewash",
                "/categories/roads",
                "/feed.atom",
                "/sitemap.xml",
                "/robots.txt",
                "/v3/api-docs",
                "/assets/reader.css",
                "/api/stories/" + story.slug(),
                "/stories/" + story.slug(),
                "/photos/x",
                "/nowhere")) {
            paths.add(base);
            for (String query : List.of(
                    "cursor&limit&q&area",
                    "=x&cursor=&limit=&q=&area=&category=",
                    "q=x&q=y&limit=1&limit=2",
                    "limit=" + "9".repeat(300) + "&q=" + "w+".repeat(500))) {
                paths.add(base + "?" + query);
            }
        }
        for (String path : paths) {
            for (HttpMethod method : List.of(
                    HttpMethod.GET,
                    HttpMethod.HEAD,
                    HttpMethod.OPTIONS,
                    HttpMethod.POST,
                    HttpMethod.PUT,
                    HttpMethod.DELETE,
                    HttpMethod.PATCH)) {
                assertThat(status(method, path, "*/*"))
                        .as("%s %s", method, path)
                        .isLessThan(500);
            }
            for (String accept : List.of("text/html", "application/json", "application/atom+xml", "image/*")) {
                assertThat(status(HttpMethod.GET, path, accept))
                        .as("GET %s (%s)", path, accept)
                        .isLessThan(500);
            }
        }
    }

    private int status(HttpMethod method, String path, String accept) {
        return web.method(method)
                .uri(uri(path))
                .header(HttpHeaders.ACCEPT, accept)
                .exchange()
                .expectBody()
                .returnResult()
                .getStatus()
                .value();
    }

    private Story store() {
        String headline = "Odd requests " + Decisions.newTipId().substring(0, 6);
        return stories.store(new StoryDraft(
                        Decisions.newTipId(),
                        headline,
                        "Text.",
                        "Erewash",
                        "Roads",
                        Instant.now(),
                        Decisions.DECIDED_REVISION))
                .block();
    }

    /** An address as a client sends it, already encoded, and sent as it is. */
    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    private static String token(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
