package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.Browser.Screen;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A reader who follows a broken link (a story's address cut short, a guessed list) gets the
 * outlet's page with its masthead and the way to the front page, never a program's problem details.
 */
@BrowserTest
@PublishingIntegrationTest
class ProblemPagesBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void aReaderFollowingABrokenLinkGetsThePaperNotJson() {
        for (String broken : List.of("/news/x", "/areas", "/categories", "/no/such/page")) {
            try (Browser browser = Browser.open(Screen.PHONE, false)) {
                browser.visit(url(broken));

                assertThat(browser.driver().getPageSource()).as(broken).doesNotContain("\"status\"");
                assertThat(browser.driver().getTitle()).as(broken).endsWith(" · Erewash Sound");
                assertThat(browser.driver()
                                .findElement(By.linkText("Go to the front page"))
                                .isDisplayed())
                        .isTrue();
                browser.assertAccessible();
            }
        }
        for (Screen screen : Screen.values()) {
            try (Browser browser = Browser.open(screen, false)) {
                browser.visit(url("/no/such/page"));
                assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                        .isEqualTo("Page not found");
                browser.fullPageScreenshot("reader-404-" + screen.name().toLowerCase());
            }
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
