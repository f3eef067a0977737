package org.newsdesk.submission.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.Browser.Screen;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipsApi;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A resident takes their tip back and erases their contact details from the status page, in a
 * browser that runs no scripts, on a phone and at a desk: each asks first, says what will happen,
 * and says plainly that it is done. Every page is checked with axe-core and photographed.
 */
@BrowserTest
@SubmissionIntegrationTest
class ResidentControlsBrowserTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Test
    void aResidentOnAPhoneWithdrawsTheirTipAndThenErasesTheirDetails() {
        TipsApi.AcceptedTip tip = TipsApi.submit(web);
        try (Browser browser = Browser.open(Screen.PHONE, false)) {
            // Given the status of their tip, with their two choices
            lookUp(browser, tip.receipt());
            assertThat(main(browser)).contains("Withdraw this tip", "Erase my contact details");
            browser.assertAccessible();
            browser.fullPageScreenshot("status-controls-phone");

            // When they choose to withdraw it, they are told what that means and asked to confirm
            click(browser, "Withdraw this tip");
            assertThat(main(browser))
                    .contains("Withdraw your tip?", "the editors will not publish it", "30 days")
                    .contains("Yes, withdraw my tip", "No, go back");
            assertThat(browser.driver().getCurrentUrl()).doesNotContain(tip.receipt());
            browser.assertAccessible();
            browser.fullPageScreenshot("confirm-withdrawal-phone");

            // And "No, go back" leaves the tip as it was
            click(browser, "No, go back");
            assertThat(main(browser)).contains("Received", "Withdraw this tip");

            // When they withdraw it after all
            click(browser, "Withdraw this tip");
            click(browser, "Yes, withdraw my tip");

            // Then the status page says it is done, and offers only what is left to do
            assertThat(main(browser))
                    .contains("Your tip is withdrawn", "Withdrawn by you", "Erase my contact details")
                    .doesNotContain("Withdraw this tip");
            browser.assertAccessible();
            browser.fullPageScreenshot("status-withdrawn-phone");

            // When they erase their contact details too
            click(browser, "Erase my contact details");
            assertThat(main(browser)).contains("Erase your contact details?", "Yes, erase my contact details");
            browser.fullPageScreenshot("confirm-erasure-phone");
            click(browser, "Yes, erase my contact details");

            // Then the page says so, and there is nothing left to choose
            assertThat(main(browser))
                    .contains("Your contact details are erased")
                    .doesNotContain("Erase my contact details", "Withdraw this tip");
            browser.assertAccessible();
            browser.fullPageScreenshot("status-erased-phone");
        }
    }

    @Test
    void aResidentAtADeskErasesTheirDetailsAndTheirTipStaysInTheQueue() {
        TipsApi.AcceptedTip tip = TipsApi.submit(web);
        try (Browser browser = Browser.open(Screen.DESKTOP)) {
            // Given the status of their tip
            lookUp(browser, tip.receipt());
            browser.fullPageScreenshot("status-controls-desktop");

            // When they erase their contact details, confirming it
            click(browser, "Erase my contact details");
            browser.assertAccessible();
            browser.fullPageScreenshot("confirm-erasure-desktop");
            click(browser, "Yes, erase my contact details");

            // Then their tip is still received, and may still be withdrawn
            assertThat(main(browser))
                    .contains("Your contact details are erased", "Received", "Withdraw this tip")
                    .doesNotContain("Erase my contact details");
            browser.assertAccessible();
            browser.fullPageScreenshot("status-erased-desktop");
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void lookUp(Browser browser, String receipt) {
        browser.visit(url("/status"));
        browser.driver().findElement(By.id("receipt")).sendKeys(receipt);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(PATIENCE)
                .until(() ->
                        !browser.driver().findElements(By.className("status")).isEmpty());
    }

    /** Presses the button with these words, and waits for the page it leads to. */
    private static void click(Browser browser, String button) {
        WebElement pressed = browser.driver().findElement(By.xpath("//button[normalize-space()='" + button + "']"));
        pressed.click();
        await().atMost(PATIENCE).until(() -> isStale(pressed));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("receipt=");
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        }
    }

    private static String main(Browser browser) {
        return browser.driver().findElement(By.tagName("main")).getText();
    }
}
