package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A moderator's sign-in when it goes wrong (the lockout: SignInLockoutBrowserTests), and their triage of the queue (filters chosen from
 * lists, the "On hold" list with its notes, the decided list), in Chromium, checked with axe.
 */
@ModerationIntegrationTest
@BrowserTest
class TriageBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    ModerationTestClient moderation;
    String category;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
        category = "Browser triage " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aWrongPasswordSaysSoInAnErrorSummaryAndSigningOutSaysSoToo() {
        try (Browser browser = Browser.open(Browser.Screen.PHONE, false)) {
            // Given the sign-in form
            browser.visit(url("/login"));

            // When a moderator mistypes their password
            browser.driver().findElement(By.id("username")).sendKeys(ModerationIntegrationTest.MODERATOR);
            browser.driver().findElement(By.id("password")).sendKeys("not my password");
            browser.driver()
                    .findElement(By.cssSelector("form button[type=submit]"))
                    .click();

            // Then the form comes back saying what went wrong, at the top and at the field
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getCurrentUrl().endsWith("/login?error"));
            assertThat(browser.driver().getTitle()).isEqualTo("Error: Sign in · Newsdesk moderation");
            assertThat(browser.driver().findElement(By.id("error-summary")).getText())
                    .contains("There is a problem")
                    .contains("The user name or the password is wrong");
            assertThat(browser.driver().findElement(By.id("password-error")).isDisplayed())
                    .isTrue();
            browser.assertAccessible();
            shots(browser, "login-error");

            // And the summary's link takes them to the password
            browser.driver().findElement(By.cssSelector("#error-summary a")).click();
            assertThat(browser.driver().getCurrentUrl()).endsWith("#password");

            // When they sign in, then out
            browser.visit(url("/login"));
            signIn(browser);
            browser.driver()
                    .findElement(By.cssSelector(".signed-in button[type=submit]"))
                    .click();

            // Then the form says they are signed out
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getCurrentUrl().endsWith("/login?signedOut"));
            assertThat(browser.driver().findElement(By.id("signed-out")).getText())
                    .isEqualTo("You are signed out.");
            browser.assertAccessible();
            shots(browser, "login-signed-out");
        }
    }

    @Test
    void aModeratorFiltersByChoosingPutsATipOnHoldAndFindsItWithItsNoteOnTheOnHoldList() throws Exception {
        // Given tips waiting from two of the outlet's areas, one of them with a long story
        TipSubmitted ilkeston = tip(
                "Bath Street flooded after the storm",
                "Ilkeston",
                "Water came up through the drains on Bath Street at about six this morning and by eight the"
                        + " shops at the bottom of the hill had closed their doors, with sandbags out.");
        TipSubmitted longEaton = tip("Market lights out", "Long Eaton", "The lights in the market are out.");
        moderation.submitAndAwaitQueued(ilkeston);
        moderation.submitAndAwaitQueued(longEaton);

        try (Browser browser = Browser.open(Browser.Screen.DESKTOP)) {
            browser.visit(url("/login"));
            signIn(browser);
            browser.visit(url("/queue?category=" + category));

            // When the moderator chooses Ilkeston from the area list
            new Select(browser.driver().findElement(By.id("area"))).selectByVisibleText("Ilkeston");
            browser.driver()
                    .findElement(By.cssSelector(".filters button[type=submit]"))
                    .click();

            // Then only the Ilkeston tip shows, with its first words
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getCurrentUrl().contains("area=Ilkeston"));
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getPageSource().contains("Bath Street flooded after the storm")
                            && !browser.driver().getPageSource().contains("Market lights out"));
            assertThat(liveText(browser, ".tip-opening"))
                    .startsWith("Water came up through the drains")
                    .endsWith("\u2026");
            browser.assertAccessible();
            shots(browser, "queue-filtered");

            // When a moderator puts it on hold
            moderation
                    .decide(ilkeston.tipId(), "{\"outcome\":\"HELD\",\"note\":\"Waiting for the council's photos\"}")
                    .expectStatus()
                    .isOk();

            // Then it leaves the waiting list (live), and the "On hold" list has it with its note
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> !browser.driver().getPageSource().contains("Bath Street flooded after the storm"));
            browser.driver().findElement(By.id("list-held")).click();
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getCurrentUrl().contains("/queue/held"));
            assertThat(browser.driver().getTitle()).isEqualTo("On hold · Newsdesk moderation");
            assertThat(liveText(browser, "#queue-rows .held-note"))
                    .contains("Duty Editor")
                    .contains("Waiting for the council's photos");
            assertThat(browser.driver()
                            .findElement(By.cssSelector("#list-held"))
                            .getAttribute("aria-current"))
                    .isEqualTo("page");
            browser.assertAccessible();
            shots(browser, "queue-held");

            // And the decided list is one click away
            moderation
                    .decide(longEaton.tipId(), "{\"outcome\":\"APPROVED\"}")
                    .expectStatus()
                    .isOk();
            browser.driver().findElement(By.id("list-decided")).click();
            await().atMost(ModerationTestClient.PATIENCE)
                    .until(() -> browser.driver().getPageSource().contains("Market lights out"));
            browser.assertAccessible();
            shots(browser, "queue-decided");
        }
    }

    /**
     * The text of an element of the live list, which the page's script may redraw at any moment
     * (its first redraw follows the live feed's opening): read afresh until one read holds.
     */
    private static String liveText(Browser browser, String css) {
        return await().atMost(ModerationTestClient.PATIENCE)
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.driver().findElement(By.cssSelector(css)).getText(), text -> true);
    }

    /** The page whole at the narrowest phone we promise, a common phone, and a desk. */
    private static void shots(Browser browser, String name) {
        Dimension before = browser.driver().manage().window().getSize();
        for (int width : new int[] {320, 360, 1280}) {
            browser.driver().manage().window().setSize(new Dimension(width, 800));
            browser.fullPageScreenshot("i15-" + name + "-" + width);
        }
        browser.driver().manage().window().setSize(before);
    }

    private static void signIn(Browser browser) {
        browser.driver().findElement(By.id("username")).sendKeys(ModerationIntegrationTest.MODERATOR);
        browser.driver().findElement(By.id("password")).sendKeys(ModerationIntegrationTest.MODERATOR_PASSWORD);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> browser.driver().getCurrentUrl().endsWith("/queue"));
    }

    private TipSubmitted tip(String headline, String area, String body) {
        return TestTips.about(headline, body, area, category);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
