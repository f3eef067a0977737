package org.newsdesk.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.PageSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Signing in to the pages: a form, a session kept in MongoDB, CSRF on every form, a fresh session id, logout. */
@ModerationIntegrationTest
class PageSignInTests {

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoOperations mongo;

    @Test
    void pagesSendStrangersToTheSignInForm() {
        // Given no session
        // When someone opens the queue
        // Then they are sent to the sign-in form, which is open to all
        web.get()
                .uri("/queue")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/login");
        web.get()
                .uri("/login")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(html -> assertThat(html).contains("autocomplete=\"current-password\""));
    }

    @Test
    void signingInGivesANewSessionKeptInMongoDb() {
        // Given the login page's session (a would-be fixation: an attacker could have planted it)
        PageSession before = PageSession.anonymous(web);

        // When the moderator signs in
        PageSession after = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);

        // Then the session has a new id, stored in MongoDB with the configured idle timeout, and the old id opens
        // nothing
        assertThat(after.cookie()).isNotEqualTo(before.cookie());
        Document stored = mongo.findById(after.cookie(), Document.class, "moderatorSessions")
                .block(Duration.ofSeconds(10));
        assertThat(stored).isNotNull();
        assertThat(stored.getString("principal")).isEqualTo(ModerationIntegrationTest.MODERATOR);
        assertThat(Duration.between(
                        stored.getDate("accessed").toInstant(),
                        stored.getDate("expireAt").toInstant()))
                .isEqualTo(Duration.ofMinutes(20));
        before.get(web, "/queue").exchange().expectStatus().is3xxRedirection();
        after.get(web, "/queue")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(html -> assertThat(html).contains("Duty Editor").contains("Sign out"));
    }

    @Test
    void theSessionIdChangesEvenWhenThePlantedSessionWasUsedToSignIn() {
        // Given a session an attacker obtained from the login page and planted in the victim's browser
        PageSession planted = PageSession.anonymous(web);

        // When the victim signs in with it
        var result = planted.post(web, "/login")
                .body(BodyInserters.fromFormData("username", ModerationIntegrationTest.MODERATOR)
                        .with("password", ModerationIntegrationTest.MODERATOR_PASSWORD)
                        .with("_csrf", planted.csrf()))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectBody()
                .returnResult();

        // Then they get a different id, and the planted one stays signed out
        assertThat(result.getResponseCookies().getFirst(PageSession.COOKIE).getValue())
                .isNotEqualTo(planted.cookie());
        planted.get(web, "/queue").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void aWrongPasswordOrAMissingTokenSignsNobodyIn() {
        PageSession login = PageSession.anonymous(web);

        // A wrong password goes back to the form with a message
        login.post(web, "/login")
                .body(BodyInserters.fromFormData("username", ModerationIntegrationTest.MODERATOR)
                        .with("password", "not-it")
                        .with("_csrf", login.csrf()))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/login?error");

        // A sign-in without the form's CSRF token is refused outright (login CSRF)
        login.post(web, "/login")
                .body(BodyInserters.fromFormData("username", ModerationIntegrationTest.MODERATOR)
                        .with("password", ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void eachPlaceSignInSendsABrowserShowsItsMessageThoughItsParameterHasNoValue() {
        // Given the addresses sign-in and sign-out redirect to, each a bare parameter
        PageSession browser = PageSession.anonymous(web);
        // When a browser follows each
        // Then a wrong password and a lockout show GOV.UK's error summary, and the title says there is an error
        assertThat(browser.page(web, "/login?error"))
                .contains("<title>Error: Sign in · Newsdesk moderation</title>")
                .contains("id=\"error-summary\"")
                .contains("There is a problem")
                .contains("<a href=\"#password\">The user name or the password is wrong")
                .contains("aria-invalid=\"true\"")
                .doesNotContain("Too many failed sign-ins");
        assertThat(browser.page(web, "/login?throttled"))
                .contains("<title>Error: Sign in · Newsdesk moderation</title>")
                .contains("There is a problem")
                .contains("Too many failed sign-ins: wait 15 minutes, then try again")
                .doesNotContain("The user name or the password is wrong");
        // And signing out and setting a password say so, with no error
        assertThat(browser.page(web, "/login?signedOut"))
                .contains("<title>Sign in · Newsdesk moderation</title>")
                .contains("You are signed out.")
                .doesNotContain("error-summary");
        assertThat(browser.page(web, "/login?passwordSet"))
                .contains("Your password is set: sign in with it now.")
                .doesNotContain("error-summary");
        // And the plain form says nothing of the kind
        assertThat(browser.page(web, "/login"))
                .doesNotContain("error-summary")
                .doesNotContain("You are signed out.")
                .doesNotContain("Your password is set");
    }

    @Test
    void signingOutNeedsTheTokenAndEndsTheSession() {
        // Given a signed-in moderator
        PageSession session = PageSession.signIn(
                web, ModerationIntegrationTest.SECOND_MODERATOR, ModerationIntegrationTest.SECOND_PASSWORD);

        // When a page elsewhere posts to /logout without the token, nothing happens
        session.post(web, "/logout").exchange().expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
        session.get(web, "/queue").exchange().expectStatus().isOk();

        // When they sign out with it
        session.post(web, "/logout")
                .body(BodyInserters.fromFormData("_csrf", session.csrf()))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/login?signedOut");

        // Then the session is gone
        session.get(web, "/queue")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/login");
    }

    @Test
    void theApiNeitherAcceptsNorCreatesPageSessions() {
        // Given a signed-in page session
        PageSession session = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);

        // When the API is called with its cookie but no HTTP Basic credentials
        // Then it is a 401: the API only takes credentials, so a forged cross-site request carries no authority
        web.get()
                .uri("/api/queue")
                .cookie(PageSession.COOKIE, session.cookie())
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.get()
                .uri("/api/queue")
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("Set-Cookie");
    }
}
