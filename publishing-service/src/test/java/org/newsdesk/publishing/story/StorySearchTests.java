package org.newsdesk.publishing.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.SeedStory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Search through the API: words match whatever their case and accents, the best matches come
 * first, and the keyword index follows every change to a story. Every test searches for words of
 * its own, so the stories other tests publish never get in the way.
 */
@PublishingIntegrationTest
class StorySearchTests {

    @Autowired
    WebTestClient web;

    @Autowired
    StoryRepository stories;

    @Test
    void wordsMatchWhateverTheirCaseAndAccents() {
        // Given stories written with accents and capitals
        String town = word();
        Story cafe = store(
                "New Café opens in " + capitalised(town), "Crème brûlée on the menu.", "Ilkeston", null, Instant.now());
        Story strasse = store("Straße party " + town, "Smørrebrød for everyone.", "Ilkeston", null, Instant.now());

        // When readers search without accents, in any case, or with accents where the story has none
        // Then they find them
        assertThat(ids(search("cafe " + town))).startsWith(cafe.id());
        assertThat(ids(search("CAFÉ " + town.toUpperCase()))).startsWith(cafe.id());
        assertThat(ids(search("creme brulee " + town))).startsWith(cafe.id());
        assertThat(ids(search("strasse " + town))).startsWith(strasse.id());
        assertThat(ids(search("smorrebrod"))).contains(strasse.id());
        assertThat(ids(search(town.toUpperCase()))).containsExactlyInAnyOrder(cafe.id(), strasse.id());
    }

    @Test
    void theBestMatchesComeFirstThenTheNewest() {
        // Given stories that match a two-word query more or less well
        String first = word();
        String second = word();
        Instant noon = Instant.parse("2024-05-01T12:00:00Z");
        Story oneInBody = store("Parish council meets", "Item: " + first + ".", null, null, noon.plusSeconds(50));
        Story bothInBody =
                store("Parish council meets again", first + " and " + second + " on the agenda.", null, null, noon);
        Story oneInHeadline = store("The " + first + " question", "Nothing else.", null, null, noon.plusSeconds(40));
        Story bothInHeadline = store(first + " meets " + second, "The rest.", null, null, noon.minusSeconds(60));
        Story bothInBodyNewer =
                store("Parish council meets once more", second + ", " + first + ".", null, null, noon.plusSeconds(10));

        // When a reader searches for both words
        List<Item> found = search(first + " " + second);

        // Then stories with both words come before those with one, headline hits before body
        // hits, and among equals the newest first
        assertThat(ids(found))
                .containsExactly(
                        bothInHeadline.id(), bothInBodyNewer.id(), bothInBody.id(), oneInHeadline.id(), oneInBody.id());
    }

    @Test
    void aSearchPagesThroughEveryMatchOnce() {
        // Given more matching stories than one page holds
        String topic = word();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            mine.add(store(
                            "Story " + i + " about " + (i % 2 == 0 ? topic : "something"),
                            "Body on " + topic,
                            null,
                            null,
                            Instant.now().minusSeconds(i))
                    .id());
        }

        // When a reader follows next, three at a time
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            Page page = get("/api/stories?limit=3&q=" + topic + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            walked.addAll(ids(page.items()));
            cursor = page.next();
        } while (cursor != null);

        // Then every match is met once, headline matches (the even ones) first
        assertThat(walked).containsExactlyInAnyOrderElementsOf(mine);
        assertThat(walked.subList(0, 4)).containsExactly(mine.get(0), mine.get(2), mine.get(4), mine.get(6));
    }

    @Test
    void anEditedStoryIsFoundByItsNewWordsOnly() {
        // Given a published story
        String tipId = Decisions.newTipId();
        String before = word();
        String after = word();
        stories.store(new StoryDraft(
                        tipId,
                        "Road closed " + before,
                        "Detour signed.",
                        "Erewash",
                        "Roads",
                        Instant.now(),
                        Decisions.DECIDED_REVISION))
                .block();
        assertThat(ids(search(before))).containsExactly(tipId);

        // When a moderator corrects it, moving it to another area too
        stories.store(new StoryDraft(
                        tipId,
                        "Road reopened " + after,
                        "No detour any more.",
                        "Ilkeston",
                        "Roads",
                        Instant.now(),
                        Decisions.DECIDED_REVISION + 1))
                .block();

        // Then the new words find it, the old ones no longer do, and it moved area
        assertThat(search(before)).isEmpty();
        assertThat(ids(search(after))).containsExactly(tipId);
        assertThat(ids(get("/api/stories?limit=100&area=ilkeston&q=" + after).items()))
                .containsExactly(tipId);
        assertThat(get("/api/stories?limit=100&area=erewash&q=" + after).items())
                .isEmpty();
    }

    @Test
    void areaAndCategoryNarrowListsAndSearches() {
        // Given stories in two areas and two categories, sharing a word
        String word = word();
        String area = "Little " + capitalised(word());
        Story roads = store("Roadworks " + word, "Body.", area, "Roads and Transport", Instant.now());
        Story events =
                store("Fete " + word, "Body.", area, "Events", Instant.now().minusSeconds(1));
        Story elsewhere = store("Elsewhere " + word, "Body.", "Erewash", "Roads and Transport", Instant.now());

        // When a reader asks for the area, by name or by key, with or without a category or words
        // Then only its stories come back, newest first
        assertThat(ids(get("/api/stories?area=" + area).items())).containsExactly(roads.id(), events.id());
        assertThat(ids(get("/api/stories?area=" + StoryQuery.key(area)).items()))
                .containsExactly(roads.id(), events.id());
        assertThat(ids(get("/api/stories?area=" + area + "&category=events").items()))
                .containsExactly(events.id());
        assertThat(ids(get("/api/stories?category=roads-and-transport&q=" + word)
                        .items()))
                .containsExactlyInAnyOrder(roads.id(), elsewhere.id());
        assertThat(get("/api/stories?area=Nowhere " + word()).items()).isEmpty();
    }

    @Test
    void aQueryOfCommonWordsOnlyFindsNothingRatherThanEverything() {
        store("The story", "It is the one.", null, null, Instant.now());
        assertThat(search("the of and")).isEmpty();
        assertThat(search("!!! ???")).isEmpty();
    }

    @Test
    void oddQueriesAreProblemsNeverErrors() {
        // A list cursor in a search, and a search cursor in a list
        String listCursor = new StoryPosition(Instant.now(), "x").cursor();
        String searchCursor = new SearchPosition(1, 0, Instant.now(), "x").cursor();
        badRequest("/api/stories?q=fete&cursor=" + listCursor, "cursor");
        badRequest("/api/stories?cursor=" + searchCursor, "cursor");
        // A query longer than anyone types, an area with no letters, a giant area name
        badRequest("/api/stories?q=" + "word ".repeat(60).strip().replace(' ', '+'), "q");
        badRequest("/api/stories?area=!!!", "area");
        badRequest("/api/stories?category=" + "x".repeat(101), "category");
        // More words than the index looks at, none of them known, are no problem: nothing matches
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            many.add(word());
        }
        assertThat(search(String.join("+", many))).isEmpty();
    }

    @Test
    void theSeedStoriesAreFoundByTheirWords() {
        // Given the two real stories
        SeedStory plan = SeedStory.load(SeedStory.POLICE_AND_CRIME_PLAN);
        SeedStory victims = SeedStory.load(SeedStory.VICTIM_SUPPORT);
        String area = "Seedshire " + capitalised(word());
        Story planStory = store(plan.headline(), plan.body(), area, null, Instant.parse("2023-01-20T09:00:00Z"));
        Story victimsStory =
                store(victims.headline(), victims.body(), area, null, Instant.parse("2023-07-26T09:00:00Z"));

        // When readers search within the area
        // Then each finds its story
        assertThat(ids(get("/api/stories?area=" + area + "&q=drones+neighbourhood")
                        .items()))
                .startsWith(planStory.id());
        assertThat(ids(get("/api/stories?area=" + area + "&q=VICTIM+support").items()))
                .startsWith(victimsStory.id());
    }

    private void badRequest(String uri, String field) {
        web.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }

    private List<Item> search(String q) {
        return get("/api/stories?limit=100&q=" + q).items();
    }

    private Page get(String uri) {
        return web.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Page.class)
                .returnResult()
                .getResponseBody();
    }

    private Story store(String headline, String body, String area, String category, Instant publishedAt) {
        return stories.store(new StoryDraft(
                        Decisions.newTipId(), headline, body, area, category, publishedAt, Decisions.DECIDED_REVISION))
                .block();
    }

    /** A word no other story has. */
    private static String word() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static List<String> ids(List<Item> items) {
        return items.stream().map(Item::id).toList();
    }

    record Page(List<Item> items, String next) {}

    record Item(String id, String slug, String headline, String area, String category, Instant publishedAt) {}
}
