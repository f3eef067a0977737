package org.newsdesk.submission.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.Browser.Screen;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A resident finds the privacy page from the tip form and from any page's footer, and reads it on
 * a phone and at a desk, a page that needs no script; checked with axe-core and photographed
 * ({@code target/screenshots}).
 */
@BrowserTest
@SubmissionIntegrationTest
class PrivacyPageBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void aResidentOnAPhoneFindsThePrivacyPageBesideTheContactFields() {
        try (Browser browser = Browser.open(Screen.PHONE)) {
            // Given the tip form on a phone
            browser.visit(url("/"));
            ChromeDriver driver = browser.driver();

            // When they follow the link beside the contact fields
            driver.findElement(By.cssSelector(".about-you a[href='/privacy']")).click();

            // Then they read what is kept, who sees it, for how long and how to erase it
            assertThat(driver.getCurrentUrl()).endsWith("/privacy");
            assertThat(driver.findElements(By.tagName("script"))).isEmpty();
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Your details and your privacy");
            assertThat(driver.findElement(By.id("period-declined")).getText()).isEqualTo("30 days");
            assertThat(driver.findElement(By.id("period-published")).getText()).isEqualTo("90 days");
            assertThat(driver.findElement(By.id("period-undecided")).getText()).isEqualTo("180 days");
            assertThat(driver.findElement(By.id("period-withdrawn")).getText()).isEqualTo("30 days");
            browser.assertAccessible();
            browser.fullPageScreenshot("privacy-phone");
        }
    }

    @Test
    void aResidentAtADeskFindsThePrivacyPageInTheFooterOfTheStatusPage() {
        try (Browser browser = Browser.open(Screen.DESKTOP)) {
            // Given the status page at a desk
            browser.visit(url("/status"));
            ChromeDriver driver = browser.driver();

            // When they follow the footer's link
            driver.findElement(By.cssSelector(".site-footer a[href='/privacy']"))
                    .click();

            // Then the privacy page is there, and leads on to the status page where a tip is withdrawn or erased
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Your details and your privacy");
            assertThat(driver.findElement(By.cssSelector("#main a[href='/status']"))
                            .getText())
                    .isEqualTo("Check a tip you sent");
            browser.assertAccessible();
            browser.fullPageScreenshot("privacy-desktop");
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
