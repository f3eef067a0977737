package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.TipWithdrawn;
import org.newsdesk.media.MediaStore;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.TipState;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The tip page in a real browser, on a phone and a desktop, in each state the resident's choices
 * leave it: contact details opened for the moderator, erased by the resident (with the photo as
 * received), and the tip withdrawn. Each is accessible and photographed.
 */
@ModerationIntegrationTest
@BrowserTest
class ContactDetailsBrowserTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ModeratedTips tips;

    @Autowired
    ContactVault vault;

    @Autowired
    MediaStore media;

    @Test
    void theTipPageShowsContactDetailsOpenedErasedAndATipWithdrawn() throws Exception {
        // Given three sealed tips: one as sent, one whose resident erased their details and photo, one withdrawn
        ModerationTestClient moderation = new ModerationTestClient(web, kafka);
        String area = "Ripley-" + UUID.randomUUID().toString().substring(0, 8);
        String opened = sealedTip(moderation, area, List.of());
        PhotoReference photo = media.store(picture(), "image/png", 320, 200).block(TIMEOUT);
        String erased = sealedTip(moderation, area, List.of(photo));
        String withdrawn = sealedTip(moderation, area, List.of());
        vault.erase(erased).block(TIMEOUT);
        media.delete(photo.id()).block(TIMEOUT);
        moderation.send(ContactErased.of(
                erased, 2, Instant.now().truncatedTo(ChronoUnit.MILLIS), ContactErased.Cause.RESIDENT, true));
        moderation.send(TipWithdrawn.of(withdrawn, 2, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tips.find(erased).block(TIMEOUT).erasure() != null
                        && tips.find(withdrawn).block(TIMEOUT).state() == TipState.WITHDRAWN);

        for (Browser.Screen screen : List.of(Browser.Screen.PHONE, Browser.Screen.DESKTOP)) {
            String size = screen == Browser.Screen.PHONE ? "phone" : "desktop";
            try (Browser browser = Browser.open(screen)) {
                browser.visit(url("/login"));
                signIn(browser);

                // When the moderator opens the tip as sent
                browser.visit(url("/tips/" + opened));
                // Then its contact details are there, opened for them, and the history says they saw them
                assertThat(text(browser, "#contact-details")).contains("sam.sealed@example.org");
                assertThat(text(browser, ".history")).contains("Contact details seen by Duty Editor");
                browser.assertAccessible();
                browser.fullPageScreenshot("moderation-tip-contact-opened-" + size);

                // When they open the tip whose details were erased
                browser.visit(url("/tips/" + erased));
                // Then it says erased, by whom, and the photo is a line of text, not a broken image
                assertThat(text(browser, "#contact-erased")).startsWith("Erased at the resident's request, on ");
                assertThat(text(browser, ".photo-erased"))
                        .isEqualTo("Photo 1 erased with the resident's contact details");
                assertThat(browser.driver().findElements(By.cssSelector(".photo-choice img")))
                        .isEmpty();
                browser.assertAccessible();
                browser.fullPageScreenshot("moderation-tip-contact-erased-" + size);

                // When they open the withdrawn tip
                browser.visit(url("/tips/" + withdrawn));
                // Then it says so, and offers no decision
                assertThat(text(browser, "#withdrawn")).startsWith("Withdrawn by the resident on ");
                assertThat(browser.driver().findElements(By.id("decision-form")))
                        .isEmpty();
                browser.assertAccessible();
                browser.fullPageScreenshot("moderation-tip-withdrawn-" + size);
            }
        }
    }

    private String sealedTip(ModerationTestClient moderation, String area, List<PhotoReference> photos)
            throws Exception {
        String tipId = TestTips.newTipId();
        moderation.submitAndAwaitQueued(TestTips.sealed(
                tipId,
                area,
                vault.seal(tipId, new ContactDetails("Sam Sealed", "sam.sealed@example.org", "07700 900999"))
                        .block(TIMEOUT),
                photos));
        return tipId;
    }

    private static String text(Browser browser, String selector) {
        return browser.driver().findElement(By.cssSelector(selector)).getText();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void signIn(Browser browser) {
        browser.driver().findElement(By.id("username")).sendKeys(ModerationIntegrationTest.MODERATOR);
        browser.driver().findElement(By.id("password")).sendKeys(ModerationIntegrationTest.MODERATOR_PASSWORD);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> browser.driver().getCurrentUrl().endsWith("/queue"));
    }

    private static byte[] picture() throws Exception {
        BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(0x5b8fd6));
        graphics.fillRect(0, 0, 320, 200);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
