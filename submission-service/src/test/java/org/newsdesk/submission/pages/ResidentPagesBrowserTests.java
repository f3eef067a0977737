package org.newsdesk.submission.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.Browser.Screen;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.photo.PhotoFixtures;
import org.newsdesk.submission.receipt.ReceiptCode;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A resident in a real browser, on a phone or at a desk, with JavaScript or without: sends a tip,
 * gets a receipt, and follows the tip on the status page to its end. Every page is checked with
 * axe-core and photographed for people to look at ({@code target/screenshots}).
 */
@BrowserTest
@SubmissionIntegrationTest
class ResidentPagesBrowserTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ReactiveMongoOperations mongo;

    @Test
    void aResidentOnASmallPhoneSendsATipWithAPhotoAndGetsAReceipt() throws IOException {
        Path photo = Files.write(Files.createTempFile("IMG_2041-", ".jpg"), PhotoFixtures.sidewaysJpegWithSecrets());
        try (Browser browser = Browser.open(Screen.SMALL_PHONE)) {
            // Given the form on a small phone
            browser.visit(url("/"));
            browser.assertAccessible();
            browser.fullPageScreenshot("tip-form-small-phone");
            ChromeDriver driver = browser.driver();

            // When they fill it in, choose a photo and send it
            fillIn(driver, "Bus shelter smashed on Bath Street " + UUID.randomUUID());
            driver.findElement(By.id("photos")).sendKeys(photo.toAbsolutePath().toString());
            // (the script shows what they chose, and counts what is left to type)
            await().atMost(PATIENCE)
                    .until(() -> driver.findElements(By.cssSelector("#photos-preview img"))
                                    .size()
                            == 1);
            assertThat(driver.findElement(By.id("headline-count")).getText()).endsWith("characters left");
            browser.fullPageScreenshot("tip-form-filled-small-phone");
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            // Then the receipt page shows the code, what happens next, and the way to the status page
            String receipt = awaitReceipt(driver);
            assertThat(receipt).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
            assertThat(driver.findElement(By.tagName("main")).getText())
                    .contains("What happens next", "Nobody else will ever see this code again");
            assertThat(driver.findElement(By.linkText("Check your tip's status"))
                            .getAttribute("href"))
                    .endsWith("/status");
            browser.assertAccessible();
            browser.fullPageScreenshot("receipt-small-phone");
        } finally {
            Files.deleteIfExists(photo);
        }
    }

    @Test
    void missingFieldsAreSummarisedAndLinkedAndWhatWasTypedStays() {
        try (Browser browser = Browser.open(Screen.DESKTOP)) {
            // Given a resident who only wrote what happened and a mistyped email
            browser.visit(url("/"));
            ChromeDriver driver = browser.driver();
            driver.findElement(By.id("body")).sendKeys("The bus shelter on Bath Street has been smashed again.");
            driver.findElement(By.id("email")).sendKeys("angela at example dot org");

            // When they send the form
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            // Then the summary at the top has the focus and lists each problem
            await().atMost(PATIENCE)
                    .until(() -> !driver.findElements(By.id("error-summary")).isEmpty());
            assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
            List<String> problems = driver.findElements(By.cssSelector("#error-summary a")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(problems)
                    .containsExactly(
                            "Give your tip a headline",
                            "Choose where it happened",
                            "Choose what your tip is about",
                            "Email address must be an email address, like name@example.org");
            // And each problem leads to its field, which says it is invalid
            driver.findElement(By.linkText("Give your tip a headline")).click();
            assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("headline");
            assertThat(driver.findElement(By.id("headline")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            // And what they typed is still there
            assertThat(driver.findElement(By.id("body")).getAttribute("value"))
                    .startsWith("The bus shelter on Bath Street");
            assertThat(driver.findElement(By.id("email")).getAttribute("value")).isEqualTo("angela at example dot org");
            browser.assertAccessible();
            browser.fullPageScreenshot("tip-form-errors-desktop");
        }
        try (Browser phone = Browser.open(Screen.SMALL_PHONE)) {
            phone.visit(url("/"));
            phone.driver().findElement(By.cssSelector("button[type=submit]")).click();
            await().atMost(PATIENCE)
                    .until(() ->
                            !phone.driver().findElements(By.id("error-summary")).isEmpty());
            phone.screenshot("tip-form-errors-small-phone");
        }
    }

    @Test
    void theFormWorksWithJavaScriptOff() {
        try (Browser browser = Browser.open(Screen.PHONE, false)) {
            // Given the form in a browser that runs no scripts
            browser.visit(url("/"));
            ChromeDriver driver = browser.driver();
            assertThat(driver.findElements(By.id("headline-count"))).isEmpty();

            // When a resident fills it in and sends it
            fillIn(driver, "Street lights out on Derby Road " + UUID.randomUUID());
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            // Then they get their receipt all the same
            assertThat(awaitReceipt(driver)).isNotBlank();
            browser.fullPageScreenshot("receipt-no-javascript-phone");
        }
    }

    @Test
    void aResidentFollowsTheirTipToPublishedOnTheStatusPage() {
        try (Browser browser = Browser.open(Screen.SMALL_PHONE)) {
            // Given a resident who sent a tip and kept the receipt
            String receipt = sendInBrowser(browser, "Library opening hours cut " + UUID.randomUUID());
            String tipId = tipIdOf(receipt);

            // When they look it up straight away
            lookUp(browser, receipt.toLowerCase());
            // Then it is received
            assertThat(statusText(browser)).contains("Received");
            browser.assertAccessible();
            browser.fullPageScreenshot("status-received-small-phone");

            // And once the moderators approved it and the story is out, it is published, with a link to it
            send(Topics.TIPS_DECIDED, decided(tipId, TipDecided.Outcome.APPROVED, null));
            send(
                    Topics.STORIES_PUBLISHED,
                    new StoryPublished(
                            UUID.randomUUID(),
                            StoryPublished.SCHEMA_VERSION,
                            now(),
                            tipId,
                            1,
                            "library-hours-cut",
                            "Library opening hours cut",
                            "http://localhost:8083/stories/library-hours-cut",
                            now()));
            await().atMost(PATIENCE).until(() -> {
                lookUp(browser, receipt);
                return statusText(browser).contains("Published");
            });
            assertThat(browser.driver()
                            .findElement(By.linkText("Read the story"))
                            .getAttribute("href"))
                    .isEqualTo("http://localhost:8083/stories/library-hours-cut");
            browser.assertAccessible();
            browser.fullPageScreenshot("status-published-small-phone");
        }
    }

    @Test
    void aResidentLearnsWhyTheirTipWasNotPublished() {
        try (Browser browser = Browser.open(Screen.DESKTOP)) {
            // Given a tip the moderators declined, with their reason
            String receipt = sendInBrowser(browser, "Noise from the new warehouse " + UUID.randomUUID());
            send(
                    Topics.TIPS_DECIDED,
                    decided(
                            tipIdOf(receipt),
                            TipDecided.Outcome.REJECTED,
                            "We could not confirm it with anyone else. If you have more details, send us a new tip."));

            // When its resident looks it up
            await().atMost(PATIENCE).until(() -> {
                lookUp(browser, receipt);
                return statusText(browser).contains("Not published");
            });

            // Then they read the reason
            assertThat(statusText(browser)).contains("We could not confirm it with anyone else");
            browser.assertAccessible();
            browser.fullPageScreenshot("status-declined-desktop");

            // And a code nobody was given is answered kindly
            lookUp(browser, "K7Q2-M9XD-4HRT-PW3C");
            assertThat(statusText(browser)).contains("We could not find a tip with this code");
            browser.assertAccessible();
            browser.screenshot("status-unknown-desktop");
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    static void fillIn(WebDriver driver, String headline) {
        driver.findElement(By.id("headline")).sendKeys(headline);
        driver.findElement(By.id("body")).sendKeys((String) TipJson.complete().get("body"));
        new Select(driver.findElement(By.id("area"))).selectByVisibleText("Long Eaton");
        new Select(driver.findElement(By.id("category"))).selectByVisibleText("Community safety");
        driver.findElement(By.id("name")).sendKeys("Angela Resident");
        driver.findElement(By.id("email")).sendKeys("angela@example.org");
        driver.findElement(By.id("contactConsent")).click();
    }

    private String sendInBrowser(Browser browser, String headline) {
        browser.visit(url("/"));
        fillIn(browser.driver(), headline);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        return awaitReceipt(browser.driver());
    }

    private static String awaitReceipt(WebDriver driver) {
        return await().atMost(PATIENCE)
                .until(
                        () -> driver.findElements(By.id("receipt")).stream()
                                .filter(element -> element.getTagName().equals("p"))
                                .map(WebElement::getText)
                                .findFirst()
                                .orElse(null),
                        receipt -> receipt != null && !receipt.isBlank());
    }

    private void lookUp(Browser browser, String receipt) {
        browser.visit(url("/status"));
        browser.driver().findElement(By.id("receipt")).sendKeys(receipt);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(PATIENCE)
                .until(() ->
                        !browser.driver().findElements(By.className("status")).isEmpty());
        assertThat(browser.driver().getCurrentUrl()).endsWith("/status").doesNotContain(receipt);
    }

    private static String statusText(Browser browser) {
        return browser.driver().findElement(By.className("status")).getText();
    }

    /** The tip behind a receipt, as the moderators' events name it: read from the service's own store. */
    private String tipIdOf(String receipt) {
        String digest = ReceiptCode.parse(receipt).orElseThrow().digest();
        return await().atMost(PATIENCE)
                .until(
                        () -> mongo.findOne(query(where("receiptDigest").is(digest)), Document.class, "tips")
                                .map(tip -> tip.getString("_id"))
                                .block(PATIENCE),
                        id -> id != null);
    }

    private static TipDecided decided(String tipId, TipDecided.Outcome outcome, String reason) {
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                now(),
                tipId,
                2,
                outcome,
                "Headline",
                "Body",
                "Long Eaton",
                "Community safety",
                reason,
                "moderator",
                now());
    }

    private void send(String topic, NewsdeskEvent event) {
        try {
            kafka.send(topic, event.tipId(), event).get(10, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException("Could not send " + event + " to " + topic, ex);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
