package org.newsdesk.submission.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.Browser.Screen;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipEvents;
import org.newsdesk.submission.photo.PhotoFixtures;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resident's form and status page in Chromium, checked with axe and photographed at 320, 360
 * and 1280 CSS pixels ({@code target/screenshots}): a day in the future refused and said so, a
 * photo's credit asked and sent without JavaScript, a mistyped code kept on the status page.
 */
@BrowserTest
@SubmissionIntegrationTest
class ResidentFormBrowserTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The widths every changed page is looked at in: the smallest phone, a common phone, a desk. */
    private static final int[] WIDTHS = {320, 360, 1280};

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void aDayInTheFutureIsRefusedAtTheTopAndBesideTheFieldWithTheResidentsWordsKept() {
        try (Browser browser = Browser.open(Screen.SMALL_PHONE)) {
            // Given the form, which says first what it is not for
            browser.visit(url("/"));
            ChromeDriver driver = browser.driver();
            assertThat(driver.findElement(By.className("warning-text")).getText())
                    .contains("not for emergencies or crime reports", "999", "101", "Crimestoppers");
            browser.assertAccessible();
            screenshots(browser, "tip-form");

            // When a resident types a day in 2030 as when it happened, and sends the form
            String headline = "Fireworks on Ilkeston market " + UUID.randomUUID();
            ResidentPagesBrowserTests.fillIn(driver, headline);
            driver.findElement(By.id("happenedOn")).sendKeys("01012030");
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            // Then the summary at the top has the focus and says what to change, linked to the field
            await().atMost(PATIENCE)
                    .until(() -> !driver.findElements(By.id("error-summary")).isEmpty());
            assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("When it happened must be today or in the past");
            assertThat(driver.findElement(By.id("happenedOn-error")).getText())
                    .isEqualTo("When it happened must be today or in the past");
            driver.findElement(By.linkText("When it happened must be today or in the past"))
                    .click();
            assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("happenedOn");
            // And what they typed is still there, the date too, to be mended
            assertThat(driver.findElement(By.id("happenedOn")).getAttribute("value"))
                    .isEqualTo("2030-01-01");
            assertThat(driver.findElement(By.id("headline")).getAttribute("value"))
                    .isEqualTo(headline);
            // And no photo was chosen, so none is asked for again
            assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("choose your photos again");
            browser.assertAccessible();
            screenshots(browser, "tip-form-future-date");
        }
    }

    @Test
    void aPhotoInTheSecondSlotIsSentWithItsCreditWithoutJavaScript() throws IOException {
        Path photo = Files.write(Files.createTempFile("canal-", ".jpg"), PhotoFixtures.noisyJpeg(80, 60));
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString());
        try (Browser browser = Browser.open(Screen.PHONE, false)) {
            // Given the form in a browser that runs no scripts
            browser.visit(url("/"));
            ChromeDriver driver = browser.driver();
            String headline = "Narrowboat sunk at Sandiacre lock " + UUID.randomUUID();
            ResidentPagesBrowserTests.fillIn(driver, headline);

            // When the resident opens the further photo slots, chooses a photo in the second,
            // says who took it and that their name may be printed, and sends the form
            driver.findElement(By.cssSelector(".more-photos summary")).click();
            driver.findElement(By.id("photos-2"))
                    .sendKeys(photo.toAbsolutePath().toString());
            driver.findElement(By.id("photoCredits[1].takenBy")).sendKeys("Sam Jones");
            driver.findElement(By.id("photoCredits[1].publishName")).click();
            browser.assertAccessible();
            screenshots(browser, "tip-form-photo-credit");
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            // Then they get their receipt, and the tip goes out with one photo credited to Sam Jones
            await().atMost(PATIENCE)
                    .until(() ->
                            !driver.findElements(By.cssSelector("p#receipt")).isEmpty());
            ConsumerRecord<String, String> record = TipEvents.awaitHeadline(probe, headline);
            JsonNode photos = JSON.readTree(record.value()).get("photos");
            assertThat(photos.size()).isEqualTo(1);
            assertThat(photos.get(0).get("credit").asString()).isEqualTo("Sam Jones");
        } finally {
            Files.deleteIfExists(photo);
        }
    }

    @Test
    void aMistypedCodeStaysInTheFieldAndABlankOneIsAnsweredByThePage() {
        try (Browser browser = Browser.open(Screen.SMALL_PHONE)) {
            // Given a resident on the status page who mistypes their code
            browser.visit(url("/status"));
            ChromeDriver driver = browser.driver();
            driver.findElement(By.id("receipt")).sendKeys("K7Q2-M9XD-4HRT-PW3D");

            // When they check it
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            // Then the page says it found nothing, and the code is still in the field to be mended
            await().atMost(PATIENCE)
                    .until(() ->
                            !driver.findElements(By.className("status-unknown")).isEmpty());
            assertThat(driver.findElement(By.id("receipt")).getAttribute("value"))
                    .isEqualTo("K7Q2-M9XD-4HRT-PW3D");
            browser.assertAccessible();
            screenshots(browser, "status-mistyped-code");

            // When they empty the field and check again
            driver.findElement(By.id("receipt")).clear();
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            // Then the page, not the browser's bubble, says what to do, at the top and beside the field
            await().atMost(PATIENCE)
                    .until(() -> !driver.findElements(By.id("error-summary")).isEmpty());
            assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
            assertThat(driver.findElement(By.id("receipt-error")).getText())
                    .isEqualTo("Type the receipt code you got when you sent your tip");
            browser.assertAccessible();
            screenshots(browser, "status-blank-code");

            // And a tip they sent is shown with its headline and when it was sent
            String headline = "Library opening hours cut " + UUID.randomUUID();
            browser.visit(url("/"));
            ResidentPagesBrowserTests.fillIn(driver, headline);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            await().atMost(PATIENCE)
                    .until(() ->
                            !driver.findElements(By.cssSelector("p#receipt")).isEmpty());
            String receipt = driver.findElement(By.cssSelector("p#receipt")).getText();
            screenshots(browser, "receipt");
            await().atMost(PATIENCE).until(() -> {
                browser.visit(url("/status"));
                driver.findElement(By.id("receipt")).sendKeys(receipt);
                driver.findElement(By.cssSelector("button[type=submit]")).click();
                return driver.findElements(By.cssSelector(".which-tip dd")).size() == 2;
            });
            assertThat(driver.findElement(By.className("which-tip")).getText()).contains(headline);
            assertThat(driver.findElement(By.cssSelector(".which-tip time")).getAttribute("datetime"))
                    .isNotBlank();
            browser.assertAccessible();
            screenshots(browser, "status-found");
        }
    }

    /** The page as it is, photographed whole at each width. */
    private static void screenshots(Browser browser, String name) {
        WebDriver driver = browser.driver();
        Dimension before = driver.manage().window().getSize();
        try {
            for (int width : WIDTHS) {
                driver.manage().window().setSize(new Dimension(width, 800));
                browser.fullPageScreenshot(name + "-" + width);
            }
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
