package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.SeedStory;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A corrected story, a withdrawn one and the corrections column in a real browser, on a reader's
 * phone (360 CSS pixels wide) and at a desk, each checked with axe-core and photographed to
 * {@code target/screenshots/}.
 */
@BrowserTest
@PublishingIntegrationTest
class CorrectionsBrowserTests {

    /** A common Android phone's width, narrower than the shared PHONE screen. */
    private static final Dimension READERS_PHONE = new Dimension(360, 780);

    @Autowired
    StoryRepository stories;

    @LocalServerPort
    int port;

    @Test
    void aReadersPhoneShowsTheCorrectionNoteAtTheTopOfTheStory() {
        // Given the real victim support story, published and then corrected by an editor
        SeedStory seed = SeedStory.load(SeedStory.VICTIM_SUPPORT);
        String tipId = Decisions.newTipId();
        Story story = stories.store(new StoryDraft(
                        tipId,
                        seed.headline(),
                        seed.body(),
                        "Erewash",
                        "Crime and policing",
                        Instant.parse("2026-12-02T09:00:00Z"),
                        Decisions.DECIDED_REVISION,
                        List.of(),
                        Instant.parse("2026-12-01T18:20:00Z")))
                .block();
        stories.correct(Decisions.corrected(
                        tipId,
                        Decisions.DECIDED_REVISION + 1,
                        seed.headline(),
                        seed.body(),
                        "An earlier version of this story gave the wrong name for the Police and Crime Commissioner's office.",
                        Instant.parse("2026-12-05T10:30:00Z")))
                .block();

        try (Browser browser = Browser.open(Browser.Screen.PHONE)) {
            browser.driver().manage().window().setSize(READERS_PHONE);
            // When a reader opens it on their phone
            browser.visit(url("/stories/" + story.slug()));

            // Then the dated note is right under the headline, on the first screen, before the text
            WebElement note = browser.driver().findElement(By.cssSelector(".corrections"));
            assertThat(note.getText())
                    .startsWith("Corrected on 5 December 2026: An earlier version of this story gave the wrong name");
            assertThat(note.getLocation().getY() + note.getSize().getHeight())
                    .as("the note is on the first screen")
                    .isLessThan(READERS_PHONE.getHeight());
            WebElement firstParagraph = browser.driver().findElement(By.cssSelector("article > p:not(.meta)"));
            assertThat(note.getLocation().getY())
                    .isLessThan(firstParagraph.getLocation().getY());
            // And it says how the story came to us
            assertThat(browser.driver()
                            .findElement(By.cssSelector(".backstory"))
                            .getText())
                    .contains("How this story came to us", "It began as a tip from a resident");
            assertThat(browser.driver().manage().window().getSize().getWidth()).isEqualTo(360);
            browser.assertAccessible();
            browser.screenshot("i13-story-corrected-360");
            browser.fullPageScreenshot("i13-story-corrected-360-full");
        }
        try (Browser browser = Browser.open(Browser.Screen.DESKTOP)) {
            browser.visit(url("/stories/" + story.slug()));
            browser.assertAccessible();
            browser.fullPageScreenshot("i13-story-corrected-1280");
        }
    }

    @Test
    void aWithdrawnStorysPageSaysWhenAndWhyAndNothingElse() {
        // Given a story that was withdrawn
        String tipId = Decisions.newTipId();
        Story story = stories.store(new StoryDraft(
                        tipId,
                        "Councillor resigns after planning row",
                        "The councillor resigned on Monday evening.",
                        "Erewash",
                        "Politics",
                        Instant.parse("2026-12-01T12:00:00Z"),
                        Decisions.DECIDED_REVISION))
                .block();
        stories.retract(Decisions.retracted(
                        tipId,
                        Decisions.DECIDED_REVISION + 1,
                        "The resignation was announced in error: the councillor remains in office.",
                        Instant.parse("2026-12-05T11:00:00Z")))
                .block();

        for (Browser.Screen screen : List.of(Browser.Screen.PHONE, Browser.Screen.DESKTOP)) {
            try (Browser browser = Browser.open(screen)) {
                if (screen == Browser.Screen.PHONE) {
                    browser.driver().manage().window().setSize(READERS_PHONE);
                }
                // When a reader follows an old link to it
                browser.visit(url("/stories/" + story.slug()));

                // Then the page says it was withdrawn, when and why, and nothing of the story
                assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                        .isEqualTo("This story has been withdrawn");
                assertThat(browser.driver().findElement(By.tagName("main")).getText())
                        .contains("We withdrew this story on 5 December 2026, 11:00am.")
                        .contains("The resignation was announced in error: the councillor remains in office.")
                        .doesNotContain("planning row", "Monday evening");
                assertThat(browser.driver().findElements(By.tagName("img"))).isEmpty();
                browser.assertAccessible();
                browser.screenshot("i13-withdrawn-" + (screen == Browser.Screen.PHONE ? "360" : "1280"));
            }
        }
    }

    @Test
    void theCorrectionsPageListsCorrectionsAndWithdrawals() {
        // Given a corrected story and a withdrawn one
        String corrected = Decisions.newTipId();
        stories.store(new StoryDraft(
                        corrected,
                        "Street lights out on Derby Road",
                        "Half the street lights have been out for a week.",
                        "Erewash",
                        "Roads",
                        Instant.parse("2026-12-03T08:00:00Z"),
                        Decisions.DECIDED_REVISION))
                .block();
        stories.correct(Decisions.corrected(
                        corrected,
                        Decisions.DECIDED_REVISION + 1,
                        "Street lights out on Derby Road",
                        "A third of the street lights have been out for a week.",
                        "An earlier version of this story said half of the lights were out. It was a third.",
                        Instant.parse("2026-12-05T09:15:00Z")))
                .block();
        String withdrawn = Decisions.newTipId();
        stories.store(new StoryDraft(
                        withdrawn,
                        "Fete cancelled",
                        "The village fete is off.",
                        "Erewash",
                        "Community",
                        Instant.parse("2026-12-03T10:00:00Z"),
                        Decisions.DECIDED_REVISION))
                .block();
        stories.retract(Decisions.retracted(
                        withdrawn,
                        Decisions.DECIDED_REVISION + 1,
                        "The story was about another village's fete.",
                        Instant.parse("2026-12-05T09:45:00Z")))
                .block();

        for (Browser.Screen screen : List.of(Browser.Screen.PHONE, Browser.Screen.DESKTOP)) {
            try (Browser browser = Browser.open(screen)) {
                if (screen == Browser.Screen.PHONE) {
                    browser.driver().manage().window().setSize(READERS_PHONE);
                }
                // When a reader opens the corrections page from the footer of the front page
                browser.visit(url("/"));
                browser.driver().findElement(By.linkText("Corrections")).click();

                // Then it lists both, with their dates, notes and links
                assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                        .isEqualTo("Corrections");
                String text = browser.driver().findElement(By.tagName("main")).getText();
                assertThat(text)
                        .contains("An earlier version of this story said half of the lights were out.")
                        .contains("The story was about another village's fete.")
                        .contains("A story published on Thursday 3 December 2026");
                browser.assertAccessible();
                browser.screenshot("i13-corrections-" + (screen == Browser.Screen.PHONE ? "360" : "1280"));
            }
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
