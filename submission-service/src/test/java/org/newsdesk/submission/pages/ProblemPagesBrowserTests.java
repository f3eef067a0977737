package org.newsdesk.submission.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.Browser.Screen;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A resident who mistypes an address gets the outlet's page, not a program's problem details, and
 * finds the way back to the form; a program asking the same keeps its problem details.
 */
@BrowserTest
@SubmissionIntegrationTest
class ProblemPagesBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void aResidentWhoMistypesAnAddressGetsAPageWithAWayBackToTheForm() {
        for (Screen screen : Screen.values()) {
            try (Browser browser = Browser.open(screen)) {
                // Given a resident who typed an address that is not there
                browser.visit(url("/nope"));

                // Then they read, in the outlet's page, what happened and where to go on
                assertThat(browser.driver().getTitle()).isEqualTo("Page not found · Erewash Sound");
                assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                        .isEqualTo("Page not found");
                assertThat(browser.driver().getPageSource()).doesNotContain("\"status\"");
                browser.assertAccessible();
                browser.fullPageScreenshot("problem-404-" + screen.name().toLowerCase());

                // And the way on leads back to the form
                browser.driver().findElement(By.linkText("Send a tip")).click();
                assertThat(browser.driver().getCurrentUrl()).isEqualTo(url("/"));
            }
        }
    }

    @Test
    void aProgramAskingForTheSameAddressKeepsProblemDetails() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/nope")))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
