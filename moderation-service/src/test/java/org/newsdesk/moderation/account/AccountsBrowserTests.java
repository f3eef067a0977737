package org.newsdesk.moderation.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An editor brings a new reporter in, and later lets them go, in real browsers without JavaScript. */
@ModerationIntegrationTest
@BrowserTest
class AccountsBrowserTests {

    private static final String CHOSEN = "Marlpool allotments flooded again";

    @LocalServerPort
    int port;

    @Test
    void anEditorAddsAPersonWhoSetsTheirPasswordSignsInAndIsLaterDisabled() {
        String username = TestAccounts.newUsername("robin");
        try (Browser editor = Browser.open(Browser.Screen.DESKTOP, false);
                Browser person = Browser.open(Browser.Screen.PHONE, false)) {
            // Given an editor, who finds the accounts page from the queue
            editor.visit(url("/login"));
            signIn(editor, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
            editor.driver().findElement(By.id("nav-accounts")).click();
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> editor.driver().getCurrentUrl().endsWith("/accounts"));
            editor.assertAccessible();

            // When they add a person
            editor.driver().findElement(By.id("displayName")).sendKeys("Robin Reporter");
            editor.driver().findElement(By.id("username")).sendKeys(username);
            editor.driver()
                    .findElement(By.cssSelector(".add-person button[type=submit]"))
                    .click();

            // Then they get a one-time link to hand over
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> !editor.driver().findElements(By.id("link")).isEmpty());
            String link = editor.driver().findElement(By.id("link")).getAttribute("value");
            assertThat(link).contains("/set-password?token=");
            editor.assertAccessible();
            shots(editor, "accounts-with-link");

            // When the person opens it on their phone, first choosing too short a password
            person.visit(link);
            person.assertAccessible();
            shots(person, "set-password");
            choose(person, "short one");
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> !person.driver()
                            .findElements(By.id("error-summary"))
                            .isEmpty());
            assertThat(person.driver().findElement(By.id("error-summary")).getText())
                    .contains("must be at least 15 characters");
            person.assertAccessible();
            shots(person, "set-password-refused");

            // And then a good one
            choose(person, CHOSEN);

            // Then they sign in with it, and see no accounts controls: they are a moderator
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> person.driver().getCurrentUrl().contains("/login?passwordSet"));
            signIn(person, username, CHOSEN);
            assertThat(person.driver().findElements(By.id("nav-accounts"))).isEmpty();

            // When the editor disables them
            editor.visit(url("/accounts"));
            editor.driver()
                    .findElement(By.cssSelector("#person-" + username + " form[action$='/disable'] button"))
                    .click();
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> editor.driver().getCurrentUrl().contains("done=disabled"));
            editor.assertAccessible();
            shots(editor, "accounts-after-disable");

            // Then the person's next click, in the page they had open, takes them to sign in
            person.driver().findElement(By.linkText("Queue")).click();
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> person.driver().getCurrentUrl().endsWith("/login"));

            // And their own password page is where a signed-in person changes it
            editor.visit(url("/account/password"));
            editor.assertAccessible();
            shots(editor, "own-password");
        }
    }

    /** The page at a desk (1280 px) and on a 360 px phone, whole. */
    private static void shots(Browser browser, String name) {
        Dimension before = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
        browser.fullPageScreenshot("i13-" + name + "-1280");
        browser.driver().manage().window().setSize(new Dimension(360, 780));
        browser.fullPageScreenshot("i13-" + name + "-360");
        browser.driver().manage().window().setSize(before);
    }

    private static void choose(Browser browser, String password) {
        browser.driver().findElement(By.id("password")).clear();
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.id("repeated")).clear();
        browser.driver().findElement(By.id("repeated")).sendKeys(password);
        browser.driver()
                .findElement(By.cssSelector("main form button[type=submit]"))
                .click();
    }

    private static void signIn(Browser browser, String username, String password) {
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> browser.driver().getCurrentUrl().endsWith("/queue"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
