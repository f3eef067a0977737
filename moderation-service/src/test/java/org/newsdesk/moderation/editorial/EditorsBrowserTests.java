package org.newsdesk.moderation.editorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.media.MediaStore;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;

/** An editor in a real browser corrects a story, withdraws another, reads the record and a story's provenance. */
@ModerationIntegrationTest
@BrowserTest
class EditorsBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    MediaStore media;

    ModerationTestClient moderation;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
    }

    @Test
    void anEditorCorrectsAStoryOnItsPageAndReadsItsProvenance() throws Exception {
        // Given a story published from a resident's tip with a photo, the headline edited before publishing
        TipSubmitted tip = tipWithPhoto();
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(
                        tip.tipId(),
                        "{\"outcome\":\"APPROVED\",\"headline\":\"Police recruit 238 officers ahead of plan\"}")
                .expectStatus()
                .isOk();

        try (Browser browser = Browser.open(Browser.Screen.DESKTOP)) {
            // When the editor opens the story's tip page
            signIn(browser);
            browser.visit(url("/tips/" + tip.tipId()));
            assertThat(browser.driver().findElement(By.id("story-state")).getText())
                    .isEqualTo("Published");
            browser.assertAccessible();
            shoot(browser, "tip-editor", true);

            // And corrects the headline with a public note
            WebElement headline = browser.driver().findElement(By.id("correction-headline"));
            assertThat(headline.getDomProperty("value")).isEqualTo("Police recruit 238 officers ahead of plan");
            headline.clear();
            headline.sendKeys("Police recruit 283 officers ahead of plan");
            browser.driver()
                    .findElement(By.id("correction-note"))
                    .sendKeys("We first gave the number of new officers as 238. It is 283.");
            browser.driver().findElement(By.id("publish-correction")).click();

            // Then the page confirms it, counts it and shows what readers now read
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getPageSource().contains("Correction published."));
            assertThat(browser.driver().findElement(By.id("correction-count")).getText())
                    .isEqualTo("(corrected once)");
            assertThat(browser.driver().findElement(By.id("story-headline")).getText())
                    .isEqualTo("Police recruit 283 officers ahead of plan");
            browser.assertAccessible();

            // When they follow the provenance link
            browser.driver().findElement(By.id("provenance-link")).click();
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getCurrentUrl().endsWith("/provenance"));

            // Then the chain reads in order, from the resident's own words to the correction, with event ids
            assertThat(browser.driver().findElement(By.id("original-headline")).getText())
                    .isEqualTo(TestTips.POLICE_PLAN_HEADLINE);
            List<String> steps = browser.driver().findElements(By.cssSelector("#steps .step-head strong")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(steps).containsExactly("Sent to us", "Edited before the decision", "Published", "Corrected");
            assertThat(browser.driver().findElements(By.cssSelector("#steps .event-id")))
                    .hasSize(2);
            assertThat(browser.driver()
                            .executeScript("return document.querySelector('.original-photos img').naturalWidth"))
                    .isEqualTo(640L);
            browser.assertAccessible();
            shoot(browser, "provenance", true);
        }
    }

    @Test
    void anEditorWithdrawsAStoryOnlyAfterConfirmingWithoutJavaScript() throws Exception {
        // Given a published story
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();

        try (Browser browser = Browser.open(Browser.Screen.PHONE, false)) {
            browser.driver().manage().window().setSize(new Dimension(360, 800));
            signIn(browser);
            browser.visit(url("/tips/" + tip.tipId()));

            // When the editor gives a reason but presses Withdraw without ticking the box
            browser.driver()
                    .findElement(By.id("retraction-reason"))
                    .sendKeys("The council says the figures were wrong.");
            browser.driver().findElement(By.id("withdraw")).click();

            // Then nothing is withdrawn: the page asks for the tick, keeping the reason
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getPageSource().contains("The story was not withdrawn"));
            assertThat(browser.driver().findElement(By.id("story-state")).getText())
                    .isEqualTo("Published");
            assertThat(browser.driver().findElement(By.id("retraction-reason")).getDomProperty("value"))
                    .isEqualTo("The council says the figures were wrong.");
            browser.assertAccessible();
            shoot(browser, "tip-withdraw-refused", false);

            // When they tick it and press again
            browser.driver().findElement(By.id("retraction-confirm")).click();
            browser.driver().findElement(By.id("withdraw")).click();

            // Then the story is withdrawn, and the page says when, by whom and why
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getPageSource().contains("Story withdrawn."));
            assertThat(browser.driver().findElement(By.id("story-state")).getText())
                    .isEqualTo("Withdrawn");
            assertThat(browser.driver().findElement(By.id("withdrawn-line")).getText())
                    .contains("Duty Editor")
                    .contains("The council says the figures were wrong.");
            assertThat(browser.driver().findElements(By.id("retraction-form"))).isEmpty();
            browser.assertAccessible();
            shoot(browser, "tip-withdrawn", false);
        }
    }

    @Test
    void anEditorFiltersTheRecord() throws Exception {
        // Given a story that was corrected
        TipSubmitted tip =
                TestTips.victimSupport(TestTips.newTipId(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();
        new Stories(moderation)
                .correct(tip.tipId(), "{\"note\":\"The helpline number was wrong; it is 0800 612 6505.\"}")
                .expectStatus()
                .isOk();

        for (int width : new int[] {1280, 360}) {
            try (Browser browser = Browser.open(width > 400 ? Browser.Screen.DESKTOP : Browser.Screen.PHONE)) {
                browser.driver().manage().window().setSize(new Dimension(width, width > 400 ? 900 : 800));
                signIn(browser);
                // When the editor follows Record and filters it to corrections made today
                browser.driver().findElement(By.id("nav-record")).click();
                await().atMost(ModerationTestClient.PATIENCE)
                        .until(() -> browser.driver().getCurrentUrl().contains("/audit"));
                new Select(browser.driver().findElement(By.id("act"))).selectByVisibleText("Corrected");
                browser.driver().findElement(By.id("actor")).sendKeys(ModerationIntegrationTest.MODERATOR);
                browser.driver()
                        .findElement(By.cssSelector("form.filters button[type=submit]"))
                        .click();
                await().atMost(ModerationTestClient.PATIENCE)
                        .until(() -> browser.driver().getCurrentUrl().contains("act=CORRECTED"));

                // Then only corrections show, newest first, this one among them, in people's words
                List<String> acts = browser.driver().findElements(By.cssSelector(".record-act")).stream()
                        .map(WebElement::getText)
                        .distinct()
                        .toList();
                assertThat(acts).containsExactly("Corrected");
                assertThat(browser.driver().findElement(By.id("record")).getText())
                        .contains("The helpline number was wrong");
                assertThat(browser.driver().findElement(By.id("export-csv")).getDomAttribute("href"))
                        .contains("act=CORRECTED");
                browser.assertAccessible();
                shoot(browser, "audit-" + width, false);
                if (width < 400) {
                    // The other pages at phone width, as an editor on the move sees them
                    browser.visit(url("/tips/" + tip.tipId()));
                    browser.assertAccessible();
                    browser.fullPageScreenshot("i13-tip-editor-360");
                    copy("i13-tip-editor-360");
                    browser.visit(url("/tips/" + tip.tipId() + "/provenance"));
                    browser.assertAccessible();
                    browser.fullPageScreenshot("i13-provenance-360");
                    copy("i13-provenance-360");
                }
            }
        }
    }

    private TipSubmitted tipWithPhoto() throws Exception {
        BufferedImage image = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), 640, 400, new Color(220, 180, 60)));
        graphics.fillRect(0, 0, 640, 400);
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        PhotoReference photo =
                media.store(png.toByteArray(), "image/png", 640, 400).block(Duration.ofSeconds(10));
        return TipSubmitted.of(
                TestTips.newTipId(),
                "e".repeat(64),
                TestTips.POLICE_PLAN_HEADLINE,
                TestTips.POLICE_PLAN_BODY,
                "Derbyshire",
                "crime",
                null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                LocalDate.of(2023, 5, 2),
                false,
                List.of(photo));
    }

    private void signIn(Browser browser) {
        browser.visit(url("/login"));
        browser.driver().findElement(By.id("username")).sendKeys(ModerationIntegrationTest.MODERATOR);
        browser.driver().findElement(By.id("password")).sendKeys(ModerationIntegrationTest.MODERATOR_PASSWORD);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> browser.driver().getCurrentUrl().endsWith("/queue"));
    }

    /** A full-page screenshot into target/screenshots, and a copy for people to look at beside the worktree. */
    private void shoot(Browser browser, String page, boolean desktop) throws Exception {
        String name = "i13-" + page + (page.matches(".*-\\d+$") ? "" : desktop ? "-1280" : "-360");
        browser.fullPageScreenshot(name);
        copy(name);
    }

    private static void copy(String name) throws Exception {
        Path shots = Path.of("..", "screenshots-i13");
        Files.createDirectories(shots);
        Files.copy(
                Path.of("target", "screenshots", name + ".png"),
                shots.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
