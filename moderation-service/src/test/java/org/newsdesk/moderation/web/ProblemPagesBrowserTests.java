package org.newsdesk.moderation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.Browser.Screen;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A moderator who follows a stale link to a tip that is not there gets a page in the workspace,
 * signed in as before, with the way back to the queue: never a program's problem details.
 */
@ModerationIntegrationTest
@BrowserTest
class ProblemPagesBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void aModeratorFollowingALinkToAnUnknownTipGetsAPageWithTheWayBackToTheQueue() {
        for (Screen screen : Screen.values()) {
            try (Browser browser = Browser.open(screen, false)) {
                // Given a signed-in moderator
                browser.visit(url("/login"));
                browser.driver().findElement(By.id("username")).sendKeys(ModerationIntegrationTest.MODERATOR);
                browser.driver().findElement(By.id("password")).sendKeys(ModerationIntegrationTest.MODERATOR_PASSWORD);
                browser.driver()
                        .findElement(By.cssSelector("form button[type=submit]"))
                        .click();
                await().atMost(ModerationTestClient.PATIENCE)
                        .until(() -> browser.driver().getCurrentUrl().endsWith("/queue"));

                // When they open a tip that is not there
                browser.visit(url("/tips/no-such-tip"));

                // Then the workspace says so, still signed in, and leads back to the queue
                assertThat(browser.driver().getTitle()).isEqualTo("Page not found · Newsdesk moderation");
                assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                        .isEqualTo("Page not found");
                assertThat(browser.driver()
                                .findElement(By.cssSelector(".signed-in"))
                                .getText())
                        .contains("Sign out");
                browser.assertAccessible();
                browser.fullPageScreenshot("moderation-404-" + screen.name().toLowerCase());
                browser.driver().findElement(By.linkText("Go to the queue")).click();
                assertThat(browser.driver().getCurrentUrl()).endsWith("/queue");
            }
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
