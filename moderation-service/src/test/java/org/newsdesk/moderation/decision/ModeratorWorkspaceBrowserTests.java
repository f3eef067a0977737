package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.media.MediaStore;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Two moderators in two real browsers working the same queue, as on a shift. */
@ModerationIntegrationTest
@BrowserTest
class ModeratorWorkspaceBrowserTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MediaStore media;

    ModerationTestClient moderation;
    KafkaTopicProbe probe;
    String area;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
        probe = new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE);
        // An area of its own, so that this test's tips head the filtered queue whatever else waits.
        area = "Ilkeston-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aTipArrivesLiveIsClaimedAndTheOtherModeratorCannotDecideItThenTheEditIsPublished() throws Exception {
        try (Browser first = Browser.open(Browser.Screen.DESKTOP);
                Browser second = Browser.open(Browser.Screen.PHONE)) {
            // Given the first moderator signs in and watches the queue
            first.visit(url("/login"));
            first.assertAccessible();
            first.screenshot("moderation-login-desktop");
            signIn(first, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
            first.visit(url("/queue?area=" + area));
            first.driver().executeScript("window.sameDocument = true;");

            // When a resident's tip with a photo reaches Kafka
            PhotoReference photo = media.store(picture(), "image/png", 640, 400).block(Duration.ofSeconds(10));
            TipSubmitted tip = TipSubmitted.of(
                    TestTips.newTipId(),
                    "a".repeat(64),
                    TestTips.POLICE_PLAN_HEADLINE,
                    TestTips.POLICE_PLAN_BODY,
                    area,
                    "crime",
                    new TipSubmitted.Contact("Sam Resident", "sam@example.org", null),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    LocalDate.of(2023, 5, 2),
                    true,
                    List.of(photo));
            moderation.submit(tip);

            // Then it appears in the open queue without a reload
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> !links(first.driver(), tip.tipId()).isEmpty());
            assertThat(first.driver().executeScript("return window.sameDocument === true;"))
                    .isEqualTo(true);
            assertThat(first.driver()
                            .findElement(By.cssSelector("#waiting-count strong"))
                            .getText())
                    .isEqualTo("1");
            first.assertAccessible();
            first.screenshot("moderation-queue-desktop");

            // When the first moderator opens it, which claims it
            links(first.driver(), tip.tipId()).get(0).click();
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> first.driver().getPageSource().contains("You are working on this tip"));
            first.assertAccessible();
            // The resident's photo is shown to the moderator, read from the media store
            assertThat(first.driver().executeScript("return document.querySelector('.photo-choice img').naturalWidth"))
                    .isEqualTo(640L);
            first.fullPageScreenshot("moderation-tip-desktop");

            // Then the second moderator, in another browser, sees who has it and cannot decide it
            second.visit(url("/login"));
            signIn(second, ModerationIntegrationTest.SECOND_MODERATOR, ModerationIntegrationTest.SECOND_PASSWORD);
            second.visit(url("/queue?area=" + area));
            // The live queue redraws its rows as changes arrive: read the badge afresh until it holds still.
            await().atMost(ModerationTestClient.PATIENCE)
                    .ignoreException(StaleElementReferenceException.class)
                    .untilAsserted(() -> assertThat(second.driver()
                                    .findElement(By.cssSelector(".claim-badge"))
                                    .getText())
                            .isEqualTo("Duty Editor is working on this"));
            second.assertAccessible();
            second.screenshot("moderation-queue-phone");
            second.visit(url("/tips/" + tip.tipId()));
            assertThat(second.driver().findElement(By.id("claim-status")).getText())
                    .contains("Duty Editor is working on this tip");
            assertThat(second.driver().findElement(By.id("approve")).isEnabled())
                    .isFalse();
            second.assertAccessible();
            second.fullPageScreenshot("moderation-tip-claimed-by-other-phone");

            // When the first moderator edits the headline and approves
            WebElement headline = first.driver().findElement(By.id("headline"));
            headline.clear();
            headline.sendKeys("Derbyshire police reach recruitment target six months early");
            first.driver().findElement(By.id("photo-1")).click();
            first.driver().findElement(By.id("caption-1")).sendKeys("Officers at their passing-out parade");
            first.driver().findElement(By.id("alt-1")).sendKeys("Rows of new officers in uniform on a parade ground");
            first.driver().findElement(By.id("approve")).click();

            // Then they are back at the queue, and the decision on the topic carries the edited text
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> first.driver().getCurrentUrl().contains("/queue?done="));
            TipDecided decided = decision(tip.tipId());
            assertThat(decided.outcome()).isEqualTo(TipDecided.Outcome.APPROVED);
            assertThat(decided.headline()).isEqualTo("Derbyshire police reach recruitment target six months early");
            assertThat(decided.body()).isEqualTo(TestTips.POLICE_PLAN_BODY);
            assertThat(decided.decidedBy()).isEqualTo(ModerationIntegrationTest.MODERATOR);
            assertThat(decided.photos()).singleElement().satisfies(story -> {
                assertThat(story.photo()).isEqualTo(photo);
                assertThat(story.caption()).isEqualTo("Officers at their passing-out parade");
                assertThat(story.alt()).isEqualTo("Rows of new officers in uniform on a parade ground");
            });

            // And the second moderator's queue loses it without a reload
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> links(second.driver(), tip.tipId()).isEmpty());
        }
    }

    @Test
    void aDeclineWithAReasonFromTheList() throws Exception {
        try (Browser browser = Browser.open(Browser.Screen.PHONE)) {
            // Given a moderator on a tip
            TipSubmitted tip = queued(TestTips.VICTIM_SUPPORT_HEADLINE, TestTips.VICTIM_SUPPORT_BODY);
            browser.visit(url("/login"));
            signIn(browser, ModerationIntegrationTest.SECOND_MODERATOR, ModerationIntegrationTest.SECOND_PASSWORD);
            browser.visit(url("/tips/" + tip.tipId()));

            // When they decline it, picking a reason and adding a sentence
            new Select(browser.driver().findElement(By.id("reasonCode"))).selectByValue("not-local");
            browser.driver().findElement(By.id("reason")).sendKeys("Try the Derby Telegraph.");
            browser.fullPageScreenshot("moderation-tip-decline-phone");
            browser.driver().findElement(By.id("decline")).click();

            // Then the resident's reason is the list's wording and their sentence
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getCurrentUrl().contains("/queue?done="));
            browser.screenshot("moderation-queue-after-decision-phone");
            TipDecided decided = decision(tip.tipId());
            assertThat(decided.outcome()).isEqualTo(TipDecided.Outcome.REJECTED);
            assertThat(decided.reasonCode()).isEqualTo("not-local");
            assertThat(decided.reason()).endsWith("Try the Derby Telegraph.");
        }
    }

    @Test
    void theTipPageIsReadableOnTheNarrowestPhone() throws Exception {
        try (Browser browser = Browser.open(Browser.Screen.SMALL_PHONE)) {
            // Given a tip with contact details, opened on a 320 px wide screen
            TipSubmitted tip = TipSubmitted.of(
                    TestTips.newTipId(),
                    "c".repeat(64),
                    TestTips.VICTIM_SUPPORT_HEADLINE,
                    TestTips.VICTIM_SUPPORT_BODY,
                    area,
                    "community",
                    new TipSubmitted.Contact("Sam Resident", "sam.resident@example.org", "07700 900123"),
                    Instant.now(),
                    null,
                    true,
                    List.of());
            moderation.submitAndAwaitQueued(tip);
            browser.visit(url("/login"));
            signIn(browser, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
            browser.visit(url("/tips/" + tip.tipId()));

            // Then nothing is wider than the screen, and axe finds nothing wrong
            assertThat(
                            browser.driver()
                                    .executeScript(
                                            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .isEqualTo(true);
            browser.assertAccessible();
            browser.fullPageScreenshot("moderation-tip-small-phone");
        }
    }

    @Test
    void aDecisionByKeyboardAlone() throws Exception {
        try (Browser browser = Browser.open(Browser.Screen.DESKTOP)) {
            // Given a moderator at the queue with one tip in their area
            TipSubmitted tip = queued(TestTips.POLICE_PLAN_HEADLINE, TestTips.POLICE_PLAN_BODY);
            browser.visit(url("/login"));
            signIn(browser, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
            browser.visit(url("/queue?area=" + area));
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> !links(browser.driver(), tip.tipId()).isEmpty());

            // When they move to it with j, open it with o, go to Approve with a, and confirm with Enter
            keys(browser, "j");
            keys(browser, "o");
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getCurrentUrl().contains("/tips/"));
            keys(browser, "a");
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                    .isEqualTo("approve");
            browser.screenshot("moderation-tip-keyboard-desktop");
            keys(browser, Keys.ENTER);

            // Then the tip is approved as the resident wrote it
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getCurrentUrl().contains("/queue?done="));
            TipDecided decided = decision(tip.tipId());
            assertThat(decided.outcome()).isEqualTo(TipDecided.Outcome.APPROVED);
            assertThat(decided.headline()).isEqualTo(TestTips.POLICE_PLAN_HEADLINE);
        }
    }

    /** A picture worth looking at in the screenshots: a sky over a field. */
    private static byte[] picture() throws Exception {
        BufferedImage image = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, new Color(0x5b8fd6), 0, 260, new Color(0xcfe3f7)));
        graphics.fillRect(0, 0, 640, 260);
        graphics.setColor(new Color(0x4f7d3a));
        graphics.fillRect(0, 260, 640, 140);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private TipSubmitted queued(String headline, String body) throws Exception {
        TipSubmitted tip = TipSubmitted.of(
                TestTips.newTipId(),
                "b".repeat(64),
                headline,
                body,
                area,
                "community",
                null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        moderation.submitAndAwaitQueued(tip);
        return tip;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void signIn(Browser browser, String username, String password) {
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> browser.driver().getCurrentUrl().endsWith("/queue"));
    }

    private static void keys(Browser browser, CharSequence keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    private static List<WebElement> links(WebDriver driver, String tipId) {
        return driver.findElements(By.cssSelector("[data-tip-id='" + tipId + "'] .tip-link"));
    }

    private TipDecided decision(String tipId) {
        return await().atMost(ModerationTestClient.PATIENCE)
                .until(
                        () -> probe.records(Topics.TIPS_DECIDED, tipId).stream()
                                .map(record -> JSON.readValue(record.value(), TipDecided.class))
                                .findFirst()
                                .orElse(null),
                        decided -> decided != null);
    }
}
