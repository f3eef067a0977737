package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The corrections column: every correction and withdrawal, newest first, paged like every list
 * here, and its Atom feed.
 */
@PublishingIntegrationTest
class CorrectionsPageTests {

    /**
     * Now, so that this test's notices are the newest in the column (the suite's others are dated
     * earlier), and never in the future, which would date every list after it.
     */
    private static final Instant T3 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final Instant T2 = T3.minusSeconds(60);
    private static final Instant T1 = T2.minusSeconds(60);

    @Autowired
    StoryRepository stories;

    @Autowired
    WebTestClient web;

    @Test
    void theColumnListsCorrectionsAndWithdrawalsNewestFirstPageByPageAndAsAFeed() {
        // Given a story corrected twice (the first correction read twice) and another withdrawn after them
        String corrected = Decisions.newTipId();
        Story story = store(corrected, "Park run moves to Shipley", "The park run moves to Shipley Park.");
        StoryCorrected first = Decisions.corrected(
                corrected,
                3,
                "Park run moves to Shipley",
                "The park run moves to Shipley Country Park.",
                "It is Shipley Country Park.",
                T1);
        stories.correct(first).block();
        stories.correct(first).block();
        stories.correct(Decisions.corrected(
                        corrected,
                        4,
                        "Park run moves to Shipley in March",
                        "The park run moves to Shipley Country Park in March.",
                        "It starts in March.",
                        T2))
                .block();
        String withdrawn = Decisions.newTipId();
        Story gone = store(withdrawn, "Pub to become flats", "The Red Lion is to become flats.");
        stories.retract(Decisions.retracted(withdrawn, 3, "The plans were withdrawn before we published.", T3))
                .block();

        // When a reader opens the column two at a time
        String page = page("/corrections?limit=2", HttpStatus.OK);

        // Then the withdrawal comes first, then the newer correction, each dated and linked
        assertThat(page).contains("<h1>Corrections</h1>");
        int withdrawal = page.indexOf("The plans were withdrawn before we published.");
        int second = page.indexOf("It starts in March.");
        assertThat(withdrawal).isPositive().isLessThan(second);
        assertThat(page)
                .contains("href=\"/stories/" + gone.slug() + "\"")
                .contains("A story published on")
                .doesNotContain("Pub to become flats")
                .contains("href=\"/stories/" + story.slug() + "\">Park run moves to Shipley in March</a>")
                .contains("Withdrawn on <time datetime=\"" + T3 + "\">")
                .doesNotContain("It is Shipley Country Park.");

        // When they follow the link to older corrections
        Matcher next = Pattern.compile("href=\"(/corrections\\?limit=2&amp;cursor=[^\"]+)\" rel=\"next\"")
                .matcher(page);
        assertThat(next.find()).isTrue();
        String older = page(next.group(1).replace("&amp;", "&"), HttpStatus.OK);

        // Then the first correction is there, once
        assertThat(older).contains("<h1>Older corrections</h1>");
        assertThat(older.indexOf("It is Shipley Country Park.")).isPositive();
        assertThat(older.split("It is Shipley Country Park.", -1)).hasSize(2);

        // And the feed holds the same, newest first, each entry with an id of its own
        String feed = page("/corrections.atom", HttpStatus.OK);
        int retractionEntry = feed.indexOf("The plans were withdrawn before we published.");
        int secondEntry = feed.indexOf("It starts in March.");
        int firstEntry = feed.indexOf("It is Shipley Country Park.");
        assertThat(retractionEntry).isPositive().isLessThan(secondEntry);
        assertThat(secondEntry).isLessThan(firstEntry);
        assertThat(feed)
                .contains("<updated>" + T3 + "</updated>")
                .contains(":corrections/" + first.eventId() + "</id>")
                .contains("Withdrawn: a story published on")
                .contains("https://news.example.org/stories/" + gone.slug())
                .doesNotContain("Pub to become flats");
    }

    @Test
    void aBrokenLinkToOlderCorrectionsGetsAPageThatSaysSo() {
        // When a reader follows a cut-short link, or one with a page size nobody offers
        String cut = page("/corrections?cursor=bm90LWEtY3Vyc29y", HttpStatus.BAD_REQUEST);
        String tooMany = page("/corrections?limit=5000", HttpStatus.BAD_REQUEST);

        // Then both get a page in the outlet's style that says the link is broken
        assertThat(cut).contains("This link to more corrections is broken");
        assertThat(tooMany).contains("This link to more corrections is broken");
    }

    private Story store(String tipId, String headline, String body) {
        return stories.store(new StoryDraft(
                        tipId,
                        headline,
                        body,
                        "Erewash",
                        "Community",
                        T1.minusSeconds(86_400),
                        Decisions.DECIDED_REVISION))
                .block();
    }

    private String page(String path, HttpStatus status) {
        return web.get()
                .uri(path)
                .accept(MediaType.TEXT_HTML, MediaType.ALL)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
