package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A moderator finding a repeated tip without pasting an id, and the page of a tip that became a story. */
@ModerationIntegrationTest
@BrowserTest
class DuplicatesAndStoriesBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    ModerationTestClient moderation;
    String area;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
        area = "Long Eaton " + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void twoStationRoadFloodsAnHourApartFindEachOtherAndOneClickMarksTheDuplicate() throws Exception {
        // Given two residents in Long Eaton told of Station Road flooding, an hour apart
        Instant earlierAt = Instant.now().minus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        TipSubmitted earlier = tip(
                "Station Road flooded by the level crossing",
                "Water is right across Station Road in Long Eaton and cars are turning round.",
                earlierAt);
        TipSubmitted later = tip(
                "Flooding on Station Road, Long Eaton",
                "Station Road is flooded near the station. A bus got stuck and the police have closed it.",
                earlierAt.plus(1, ChronoUnit.HOURS));
        moderation.submitAndAwaitQueued(earlier);
        moderation.submitAndAwaitQueued(later);

        try (Browser browser = Browser.open(Browser.Screen.DESKTOP)) {
            signIn(browser);

            // When a moderator opens the later tip
            browser.visit(url("/tips/" + later.tipId()));

            // Then the earlier one heads its similar tips, with its state and when it was sent
            WebElement first = browser.driver().findElement(By.cssSelector("#similar .similar-tip"));
            assertThat(first.getAttribute("data-tip-id")).isEqualTo(earlier.tipId());
            assertThat(first.getText())
                    .contains("Station Road flooded by the level crossing")
                    .contains("Waiting")
                    .doesNotContain("UTC");
            browser.assertAccessible();
            screenshots(browser, "moderation-tip-similar");

            // When they press its button, once
            browser.driver().findElement(By.id("duplicate-of-1")).click();

            // Then they are back at the queue, and the tip's page says whose duplicate it is, by headline
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getCurrentUrl().contains("/queue?done="));
            browser.visit(url("/tips/" + later.tipId()));
            assertThat(browser.driver().findElement(By.id("outcome")).getText()).isEqualTo("Duplicate");
            WebElement original = browser.driver().findElement(By.id("original-link"));
            assertThat(original.getText()).isEqualTo("Station Road flooded by the level crossing");
            assertThat(original.getAttribute("href")).endsWith("/tips/" + earlier.tipId());
            assertThat(browser.driver().findElement(By.cssSelector(".history")).getText())
                    .contains("Duplicate of Station Road flooded by the level crossing");
            assertThat(browser.driver().findElements(By.cssSelector(".mark-duplicate")))
                    .isEmpty();
            browser.assertAccessible();
            screenshots(browser, "moderation-tip-duplicate");
        }
    }

    @Test
    void aPublishedTipsPageLinksItsStoryAndOffersNoDecision() throws Exception {
        // Given a tip that was published, and publishing's announcement of its story
        TipSubmitted tip = tip(
                "Station Road reopens after the flood",
                "The council reopened Station Road this morning.",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();
        String story = "http://localhost:8083/news/station-road-reopens-" + tip.tipId();
        moderation.storyPublished(tip.tipId(), 2, story);

        try (Browser browser = Browser.open(Browser.Screen.DESKTOP)) {
            signIn(browser);

            // When a moderator opens it
            // Then it links its story, and offers no decision, neither buttons nor keyboard shortcuts
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> !browser.visit(url("/tips/" + tip.tipId()))
                            .driver()
                            .findElements(By.id("story-link"))
                            .isEmpty());
            assertThat(browser.driver().findElement(By.id("story-link")).getAttribute("href"))
                    .isEqualTo(story);
            assertThat(browser.driver().findElement(By.id("outcome")).getText()).isEqualTo("Published");
            for (String gone : List.of("decision-form", "approve", "decline", "hold", "duplicate", "shortcuts-title")) {
                assertThat(browser.driver().findElements(By.id(gone))).as(gone).isEmpty();
            }
            browser.assertAccessible();
            screenshots(browser, "moderation-tip-published");
        }
    }

    private TipSubmitted tip(String headline, String body, Instant sentAt) {
        return TipSubmitted.of(TestTips.newTipId(), "f".repeat(64), headline, body, area, "transport", null, sentAt);
    }

    /** The whole page at a desktop's width, a common phone's and the narrowest phone's. */
    private static void screenshots(Browser browser, String name) {
        for (int width : new int[] {1280, 360, 320}) {
            browser.driver().manage().window().setSize(new Dimension(width, 900));
            browser.fullPageScreenshot(name + "-" + width);
        }
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    private void signIn(Browser browser) {
        browser.visit(url("/login"));
        browser.driver().findElement(By.id("username")).sendKeys(ModerationIntegrationTest.MODERATOR);
        browser.driver().findElement(By.id("password")).sendKeys(ModerationIntegrationTest.MODERATOR_PASSWORD);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> browser.driver().getCurrentUrl().endsWith("/queue"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
