package org.newsdesk.publishing.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.SeedStory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@PublishingIntegrationTest
class StoriesApiTests {

    @Autowired
    WebTestClient web;

    @Autowired
    StoryRepository stories;

    @Test
    void aStoryIsServedBySlug() {
        // Given a published story
        SeedStory seed = SeedStory.load(SeedStory.POLICE_AND_CRIME_PLAN);
        Story story = store(seed.headline(), seed.body(), Instant.parse("2023-01-20T09:00:00Z"));

        // When a reader's app asks for it
        // Then it gets every field the contract names
        web.get()
                .uri("/api/stories/{slug}", story.slug())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(story.id())
                .jsonPath("$.slug")
                .isEqualTo(story.slug())
                .jsonPath("$.headline")
                .isEqualTo(seed.headline())
                .jsonPath("$.body")
                .isEqualTo(seed.body())
                .jsonPath("$.area")
                .isEqualTo("Erewash")
                .jsonPath("$.category")
                .isEqualTo("Crime and policing")
                .jsonPath("$.publishedAt")
                .isEqualTo("2023-01-20T09:00:00Z")
                .jsonPath("$.announced")
                .doesNotExist();
    }

    @Test
    void anUnknownSlugIsNotFound() {
        // Given no story under an address
        // When a reader asks for it
        // Then the answer is a problem, not an empty story
        web.get()
                .uri("/api/stories/{slug}", "no-such-story-" + Decisions.newTipId())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.title")
                .isEqualTo("Story not found");
    }

    @Test
    void storiesAreReturnedAsDataNeverAsHtml() {
        // Given a story whose text looks like markup
        String markup = "<script>alert('hi')</script><img src=x onerror=alert(1)>";
        Story story = store("Markup " + markup, "Body " + markup, Instant.now());

        // When it is fetched
        // Then it comes back as JSON text, byte for byte, and browsers are told not to sniff
        web.get()
                .uri("/api/stories/{slug}", story.slug())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody()
                .jsonPath("$.headline")
                .isEqualTo("Markup " + markup)
                .jsonPath("$.body")
                .isEqualTo("Body " + markup);
        // And a client that insists on HTML is refused rather than served the text as a page
        web.get()
                .uri("/api/stories/{slug}", story.slug())
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(406);
    }

    @Test
    void followingNextVisitsEveryStoryOnceNewestFirst() {
        // Given stories published at different moments, two of them in the same millisecond
        Instant noon = Instant.parse("2021-06-01T12:00:00.000Z");
        List<Story> mine = List.of(
                store("Pagination one", "1", noon.plusSeconds(3)),
                store("Pagination two", "2", noon.plusSeconds(2)),
                store("Pagination three", "3", noon.plusSeconds(1)),
                store("Pagination four", "4", noon),
                store("Pagination five", "5", noon));

        // When a client follows next, two stories at a time
        List<Item> walked = walk(2, null);

        // Then it met every story once, newest first, and mine in their order
        assertStrictlyNewestFirst(walked);
        List<String> ids = walked.stream().map(Item::id).toList();
        List<String> expected = new ArrayList<>(mine.stream().map(Story::id).toList());
        // Same millisecond: the id decides, larger first, like every other tie
        if (expected.get(3).compareTo(expected.get(4)) < 0) {
            expected.add(3, expected.remove(4));
        }
        assertThat(ids).containsSubsequence(expected);
    }

    @Test
    void aStoryPublishedWhileAClientPagesNeitherRepeatsNorHidesStories() {
        // Given the stories there are when a client starts paging
        store("Before paging", "Already there", Instant.now());
        List<String> before = walk(100, null).stream().map(Item::id).toList();

        // When the client reads the first page, a new story is published, and a late decision
        // about an old tip lands far back in the past, and the client then follows next
        Page first = page(2, null);
        Story newest = store("Published meanwhile", "New", Instant.now().plusSeconds(60));
        Story oldest = store("Decided long ago, delivered late", "Old", Instant.parse("1999-01-01T00:00:00Z"));
        List<Item> walked = new ArrayList<>(first.items());
        walked.addAll(walk(2, first.next()));

        // Then every story that was there is met exactly once, the new one on no page already
        // walked past, and the old one once, in its place at the end
        assertStrictlyNewestFirst(walked);
        List<String> ids = walked.stream().map(Item::id).toList();
        assertThat(ids).doesNotContain(newest.id()).containsAll(before).contains(oldest.id());
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void theLastPageHasNoNext() {
        // Given at least one story
        store("Last page", "End", Instant.now());

        // When a client follows next to the last page
        String cursor = null;
        for (Page page = page(100, null); page.next() != null; page = page(100, cursor)) {
            cursor = page.next();
        }
        String lastCursor = cursor;
        String body = web.get()
                .uri(uri -> lastCursor == null
                        ? uri.path("/api/stories").queryParam("limit", 100).build()
                        : uri.path("/api/stories")
                                .queryParam("limit", 100)
                                .queryParam("cursor", "{c}")
                                .build(lastCursor))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then next is there, and null
        assertThat(body).contains("\"next\":null");
    }

    @Test
    void theDefaultPageHoldsTwentyStories() {
        // Given more than twenty stories
        for (int i = 0; i < 21; i++) {
            store("Default page " + i, "Story " + i, Instant.now());
        }

        // When a client gives no limit (or an empty one)
        // Then it gets twenty and a cursor for more
        Page page = web.get()
                .uri("/api/stories?limit=&cursor=")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Page.class)
                .returnResult()
                .getResponseBody();
        assertThat(page.items()).hasSize(20);
        assertThat(page.next()).isNotBlank().matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aLimitOutOfRangeIsABadRequestNamingTheParameter() {
        for (String limit : List.of("0", "101", "-1", "ten", "1.5", "99999999999")) {
            // Given a limit the API does not take
            // When a client sends it
            // Then it is told which parameter is wrong and why
            web.get()
                    .uri(uri ->
                            uri.path("/api/stories").queryParam("limit", limit).build())
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(400)
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("limit")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("must be a whole number from 1 to 100");
        }
    }

    @Test
    void aMalformedCursorIsABadRequestNamingTheParameter() {
        for (String cursor : List.of("not a cursor", "bm9wZQ", "djE6bm90LWEtbnVtYmVyOmlk", "djE6MTIzOg", "%%%")) {
            // Given a cursor this API never handed out
            // When a client sends it
            // Then it is told the cursor is wrong
            web.get()
                    .uri(uri -> uri.path("/api/stories")
                            .queryParam("cursor", "{cursor}")
                            .build(cursor))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("cursor");
        }
        // And two bad parameters are both named, in the order of their names
        web.get()
                .uri("/api/stories?limit=0&area=!!!")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(2)
                .jsonPath("$.errors[0].field")
                .isEqualTo("area")
                .jsonPath("$.errors[1].field")
                .isEqualTo("limit");
        // But one that cannot even be read is named first, as in every Newsdesk API
        web.get()
                .uri("/api/stories?limit=0&cursor=junk")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(1)
                .jsonPath("$.errors[0].field")
                .isEqualTo("cursor");
    }

    private Story store(String headline, String body, Instant publishedAt) {
        return stories.store(new StoryDraft(
                        Decisions.newTipId(),
                        headline,
                        body,
                        "Erewash",
                        "Crime and policing",
                        publishedAt,
                        Decisions.DECIDED_REVISION))
                .block();
    }

    private List<Item> walk(int limit, String cursor) {
        List<Item> walked = new ArrayList<>();
        String next = cursor;
        do {
            Page page = page(limit, next);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            walked.addAll(page.items());
            next = page.next();
        } while (next != null);
        return walked;
    }

    private Page page(int limit, String cursor) {
        return web.get()
                .uri(uri -> {
                    uri.path("/api/stories").queryParam("limit", limit);
                    if (cursor != null) {
                        uri.queryParam("cursor", cursor);
                    }
                    return uri.build();
                })
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Page.class)
                .returnResult()
                .getResponseBody();
    }

    private static void assertStrictlyNewestFirst(List<Item> items) {
        for (int i = 1; i < items.size(); i++) {
            Item newer = items.get(i - 1);
            Item older = items.get(i);
            int byTime = newer.publishedAt().compareTo(older.publishedAt());
            assertThat(byTime > 0 || (byTime == 0 && newer.id().compareTo(older.id()) > 0))
                    .as("%s comes before %s", newer, older)
                    .isTrue();
        }
    }

    record Page(List<Item> items, String next) {}

    record Item(
            String id, String slug, String headline, String body, String area, String category, Instant publishedAt) {}
}
