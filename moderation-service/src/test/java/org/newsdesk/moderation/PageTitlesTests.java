package org.newsdesk.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every page of the queue, sign-in, record and accounts has a title that says which page it is. */
@ModerationIntegrationTest
class PageTitlesTests {

    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");

    @Autowired
    WebTestClient web;

    @Test
    void eachPageIsTitledForWhatItShows() {
        // Given an editor signed in, and a browser that is not
        PageSession editor = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        PageSession stranger = PageSession.anonymous(web);
        Map<String, String> signedIn = new LinkedHashMap<>();
        signedIn.put("/queue", "Queue");
        signedIn.put("/queue?area=Ilkeston", "Queue");
        signedIn.put("/queue/held", "On hold");
        signedIn.put("/queue/decided", "Decided");
        signedIn.put("/audit", "The record");
        signedIn.put("/accounts", "Accounts");
        signedIn.put("/account/password", "Your password");
        Map<String, String> open = new LinkedHashMap<>();
        open.put("/login", "Sign in");
        open.put("/login?error", "Error: Sign in");
        open.put("/login?throttled", "Error: Sign in");
        open.put("/login?signedOut", "Sign in");
        open.put("/login?passwordSet", "Sign in");

        // When each page is opened
        // Then its title names it, then the workspace
        signedIn.forEach((uri, title) ->
                assertThat(titleOf(editor.page(web, uri))).as(uri).isEqualTo(title + " · Newsdesk moderation"));
        open.forEach((uri, title) ->
                assertThat(titleOf(stranger.page(web, uri))).as(uri).isEqualTo(title + " · Newsdesk moderation"));
        // A set-password link that no longer works still says which page it is
        String spent = stranger.get(web, "/set-password?token=spent")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(titleOf(spent)).isEqualTo("Choose your password · Newsdesk moderation");
    }

    private static String titleOf(String html) {
        Matcher title = TITLE.matcher(html);
        assertThat(title.find()).as("a title").isTrue();
        return title.group(1);
    }
}
