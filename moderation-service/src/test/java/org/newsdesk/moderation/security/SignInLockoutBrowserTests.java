package org.newsdesk.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A moderator's account locked by wrong passwords, as they meet it in Chromium: the form says how
 * long to wait, and while it is locked the right password is refused in the same words. The rest
 * of the suite lifts the limits (every test signs in from one address), so this class sets the
 * account's limit low in a context of its own.
 */
@ModerationIntegrationTest
@TestPropertySource(properties = "newsdesk.moderator.sign-in.failures-per-account=3")
@BrowserTest
class SignInLockoutBrowserTests {

    private static final int FAILURES_ALLOWED = 3;

    @LocalServerPort
    int port;

    @Test
    void wrongPasswordsLockTheAccountAndTheFormSaysHowLongToWait() {
        try (Browser browser = Browser.open(Browser.Screen.PHONE, false)) {
            WebDriver driver = browser.driver();

            // Given a moderator who mistypes their password as often as an account may
            for (int attempt = 0; attempt < FAILURES_ALLOWED; attempt++) {
                signIn(browser, "not my password " + attempt);
                await().atMost(ModerationTestClient.PATIENCE)
                        .until(() -> driver.getCurrentUrl().endsWith("/login?error"));
            }

            // When they try once more, with the right password this time
            signIn(browser, ModerationIntegrationTest.MODERATOR_PASSWORD);

            // Then the form refuses it, tells them to wait and for how long, and does not blame the password
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> driver.getCurrentUrl().endsWith("/login?throttled"));
            assertThat(driver.getTitle()).isEqualTo("Error: Sign in · Newsdesk moderation");
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("There is a problem")
                    .containsPattern("Too many failed sign-ins: wait \\d+ minutes?, then try again")
                    .doesNotContain("password is wrong");
            assertThat(driver.findElements(By.id("password-error"))).isEmpty();
            browser.assertAccessible();
            for (int width : new int[] {320, 360, 1280}) {
                driver.manage().window().setSize(new Dimension(width, 800));
                browser.fullPageScreenshot("sign-in-locked-" + width);
            }
        }
    }

    private void signIn(Browser browser, String password) {
        browser.visit("http://localhost:" + port + "/login");
        browser.driver().findElement(By.id("username")).sendKeys(ModerationIntegrationTest.MODERATOR);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
    }
}
