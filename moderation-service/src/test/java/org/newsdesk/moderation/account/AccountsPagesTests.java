package org.newsdesk.moderation.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.moderation.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The accounts page, the set-password link and a person's own password, as browsers use them. */
@ModerationIntegrationTest
class AccountsPagesTests {

    private static final Pattern LINK = Pattern.compile(">(http[^<]*/set-password\\?token=([^<]+))</textarea>");
    private static final String CHOSEN = "Chosen by the new reporter herself";

    @Autowired
    WebTestClient web;

    @Autowired
    ApplicationContext context;

    @Test
    void anEditorAddsAPersonWhoSetsTheirPasswordWithTheLinkOnceAndSignsIn() {
        // Given an editor on the accounts page
        PageSession editor = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        String username = TestAccounts.newUsername("sam");

        // When they add a person as a moderator
        EntityExchangeResult<String> added = editor.post(web, "/accounts")
                .body(BodyInserters.fromFormData("username", username)
                        .with("displayName", "Sam <b>Reporter</b>")
                        .with("role", "MODERATOR")
                        .with("_csrf", editor.csrf()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
                .expectBody(String.class)
                .returnResult();

        // Then the page shows them, escaped, and a one-time link to hand over, and no password anywhere
        String page = added.getResponseBody();
        assertThat(page).contains("Sam &lt;b&gt;Reporter&lt;/b&gt;").doesNotContain("<b>Reporter</b>");
        // And the link's end in the outlet's time, as every moderator page shows a time, with no zone's name
        assertThat(page)
                .containsPattern(
                        "until\\s+<strong><time datetime=\"[^\"]+\">\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}</time>")
                .doesNotContain(" GMT")
                .doesNotContain(" BST");
        Matcher link = LINK.matcher(page);
        assertThat(link.find()).as("a set-password link in the page").isTrue();
        String path = URI.create(link.group(1)).getRawPath() + "?"
                + URI.create(link.group(1)).getRawQuery();

        // When the person opens it, with no session of their own, and tries a short then a common password
        PageSession person = PageSession.anonymous(web);
        String form = person.get(web, path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(form).contains(username).contains("Choose your password");
        String csrf = PageSession.csrfIn(form);
        assertThat(setPassword(person, csrf, link.group(2), "too-short")
                        .expectStatus()
                        .isBadRequest()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("must be at least 15 characters");
        assertThat(setPassword(person, csrf, link.group(2), "passwordpassword1")
                        .expectStatus()
                        .isBadRequest()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("is too easy to guess");

        // And then a good one
        setPassword(person, csrf, link.group(2), CHOSEN)
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/login?passwordSet");

        // Then they sign in with it, and the link no longer works
        PageSession.signIn(web, username, CHOSEN);
        person.get(web, path).exchange().expectStatus().isEqualTo(410);
        setPassword(person, csrf, link.group(2), CHOSEN + " again")
                .expectStatus()
                .isEqualTo(410);
    }

    @Test
    void onlyEditorsSeeTheAccountsLinkAndAChangedRoleCountsFromTheNextClick() {
        // Given a moderator who is not an editor, signed in
        TestAccounts accounts = TestAccounts.in(context);
        String username = accounts.withPassword(TestAccounts.newUsername("alex"), Role.MODERATOR, CHOSEN);
        PageSession moderator = PageSession.signIn(web, username, CHOSEN);

        // Then their pages show no accounts link, and the accounts page refuses them
        assertThat(queue(moderator)).doesNotContain("nav-accounts").contains("Your password");
        moderator.get(web, "/accounts").exchange().expectStatus().isForbidden();

        // When an editor makes them an editor
        accounts.changeRole(username, Role.EDITOR);

        // Then their very next click shows the link and opens the page, in the same session
        assertThat(queue(moderator)).contains("nav-accounts");
        moderator.get(web, "/accounts").exchange().expectStatus().isOk();

        // And when they are made a moderator again, the page closes to them at once
        accounts.changeRole(username, Role.MODERATOR);
        moderator.get(web, "/accounts").exchange().expectStatus().isForbidden();
    }

    @Test
    void aPersonChangesTheirOwnPasswordWithTheCurrentOne() {
        // Given a signed-in moderator
        TestAccounts accounts = TestAccounts.in(context);
        String username = accounts.withPassword(TestAccounts.newUsername("lee"), Role.MODERATOR, CHOSEN);
        PageSession session = PageSession.signIn(web, username, CHOSEN);
        String newPassword = "A different sentence for the desk";

        // When they get the current password wrong, the page says so beside it
        assertThat(ownPassword(session, "not-it", newPassword)
                        .expectStatus()
                        .isBadRequest()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("Your current password does not match your password");

        // When they get it right
        ownPassword(session, CHOSEN, newPassword)
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/account/password?changed");

        // Then the new password signs in over the API, and the old one no longer does
        web.get()
                .uri("/api/queue")
                .headers(headers -> headers.setBasicAuth(username, newPassword))
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/api/queue")
                .headers(headers -> headers.setBasicAuth(username, CHOSEN))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aDisabledAccountIsListedAndEnabledAgainFromThePage() {
        // Given an editor on the page, and a disabled account
        TestAccounts accounts = TestAccounts.in(context);
        String gone = accounts.withPassword(TestAccounts.newUsername("gone"), Role.MODERATOR, CHOSEN);
        accounts.disable(gone);
        PageSession editor = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);

        // When they open the accounts page
        String page = editor.get(web, "/accounts")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then it lists the disabled account as disabled, with a button to enable it again
        assertThat(page).contains("person-" + gone).contains("/accounts/" + gone + "/enable");

        // When they enable it, they come back to the page with a notice
        editor.post(web, "/accounts/{username}/enable", gone)
                .body(BodyInserters.fromFormData("_csrf", editor.csrf()))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/accounts?done=enabled"));
    }

    private WebTestClient.ResponseSpec setPassword(PageSession session, String csrf, String token, String password) {
        return session.post(web, "/set-password")
                .body(BodyInserters.fromFormData("token", token)
                        .with("password", password)
                        .with("repeated", password)
                        .with("_csrf", csrf))
                .exchange();
    }

    private WebTestClient.ResponseSpec ownPassword(PageSession session, String current, String password) {
        return session.post(web, "/account/password")
                .body(BodyInserters.fromFormData("current", current)
                        .with("password", password)
                        .with("repeated", password)
                        .with("_csrf", session.csrf()))
                .exchange();
    }

    private String queue(PageSession session) {
        return session.get(web, "/queue")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
