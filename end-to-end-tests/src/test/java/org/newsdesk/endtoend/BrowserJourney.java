package org.newsdesk.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.newsdesk.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The people of the journey, each in a browser of their own: a resident on a phone who sends a
 * tip with a photo and later checks on it, and a moderator at a desk who works it. They share
 * nothing but the services' pages, as in life.
 */
final class BrowserJourney {

    /** What the moderator says the resident's photo shows: the story's alt text. */
    static final String PHOTO_DESCRIPTION = "The resident's photo of what happened";

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private BrowserJourney() {}

    /** A resident fills the form on a phone, with a photo if one is named, and answers the receipt code they get. */
    static String sendTipFromThePhone(
            Browser phone, String submissionUrl, String headline, String body, String photoResource) {
        phone.visit(submissionUrl + "/");
        phone.driver().findElement(By.id("headline")).sendKeys(headline);
        phone.driver().findElement(By.id("body")).sendKeys(body);
        new Select(phone.driver().findElement(By.id("area"))).selectByVisibleText("Ilkeston");
        new Select(phone.driver().findElement(By.id("category"))).selectByIndex(1);
        if (photoResource != null) {
            phone.driver()
                    .findElement(By.id("photos"))
                    .sendKeys(temporaryCopy(photoResource).toString());
        }
        phone.driver().findElement(By.id("name")).sendKeys("A. Resident");
        // Agreeing to be contacted asks for a way to be reached.
        phone.driver().findElement(By.id("email")).sendKeys("a.resident@example.org");
        phone.driver().findElement(By.id("contactConsent")).click();
        phone.driver()
                .findElement(By.cssSelector("form.tip-form button[type=submit]"))
                .click();
        String receipt = phone.driver().findElement(By.id("receipt")).getText().trim();
        phone.screenshot("journey-1-receipt-phone");
        return receipt;
    }

    /** A moderator signs in, finds the tip in the queue by its headline and opens it. */
    static void openTipFromTheQueue(Browser desk, String moderationUrl, String password, String headline) {
        desk.visit(moderationUrl + "/login");
        desk.driver().findElement(By.id("username")).sendKeys("moderator");
        desk.driver().findElement(By.id("password")).sendKeys(password);
        desk.driver().findElement(By.cssSelector("form button[type=submit]")).click();
        desk.visit(moderationUrl + "/queue");
        await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(() -> desk.driver().findElement(By.linkText(headline)), found -> found != null);
        desk.screenshot("journey-2-queue-desktop");
        // The live queue redraws its rows as tips come and go: find the link afresh until a click lands.
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            desk.driver().findElement(By.linkText(headline)).click();
            return desk.driver().getCurrentUrl().contains("/tips/");
        });
    }

    /** The moderator sharpens the headline, keeps the photo with a caption, and approves. */
    static void editChoosePhotoAndApprove(Browser desk, String editedHeadline, String caption) {
        WebElement headline = desk.driver().findElement(By.id("headline"));
        headline.clear();
        headline.sendKeys(editedHeadline);
        WebElement photo = desk.driver().findElement(By.id("photo-1"));
        if (!photo.isSelected()) {
            photo.click();
        }
        WebElement captionField = desk.driver().findElement(By.id("caption-1"));
        captionField.clear();
        captionField.sendKeys(caption);
        // A photo is published with a description for readers who cannot see it, asked apart from the caption.
        WebElement described = desk.driver().findElement(By.id("alt-1"));
        described.clear();
        described.sendKeys(PHOTO_DESCRIPTION);
        desk.fullPageScreenshot("journey-3-tip-desktop");
        desk.driver().findElement(By.id("approve")).click();
    }

    /**
     * The moderator declines the open tip with the first reason on the newsroom's list and a
     * sentence of their own, and answers the list's wording: what the resident should read.
     */
    static String declineWithAListedReason(Browser desk, String sentence) {
        Select reasons = new Select(desk.driver().findElement(By.id("reasonCode")));
        reasons.selectByIndex(1);
        String wording = reasons.getFirstSelectedOption().getText().trim();
        desk.driver().findElement(By.id("reason")).sendKeys(sentence);
        desk.driver().findElement(By.id("decline")).click();
        return wording;
    }

    /** The resident checks their code until the newsroom's answer is a decline, and reads why. */
    static String readTheReasonOnTheStatusPage(Browser phone, String submissionUrl, String receipt) {
        return readTheReasonOnTheStatusPage(phone, submissionUrl, receipt, "Their reason");
    }

    /** The resident checks their code until the story is withdrawn, and reads the editors' reason. */
    static String readTheReasonOnceWithdrawn(Browser phone, String submissionUrl, String receipt) {
        return readTheReasonOnTheStatusPage(phone, submissionUrl, receipt, "The editors' reason");
    }

    /** Checks the code until the status page introduces a reason with these words, and answers the reason. */
    private static String readTheReasonOnTheStatusPage(
            Browser phone, String submissionUrl, String receipt, String introduction) {
        return await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(
                        () -> {
                            phone.visit(submissionUrl + "/status");
                            phone.driver().findElement(By.id("receipt")).sendKeys(receipt);
                            phone.driver()
                                    .findElement(By.cssSelector("form.status-form button[type=submit]"))
                                    .click();
                            return phone.driver().getPageSource().contains(introduction)
                                    ? phone.driver()
                                            .findElement(By.cssSelector("blockquote.reason"))
                                            .getText()
                                    : null;
                        },
                        reason -> reason != null && !reason.isBlank());
    }

    /**
     * The resident checks their code on the status page until the story is out, and follows the
     * link to it. Each check is a new POST of the form, as a resident coming back would make.
     */
    static void followReceiptToTheStory(Browser phone, String submissionUrl, String receipt) {
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            phone.visit(submissionUrl + "/status");
            phone.driver().findElement(By.id("receipt")).sendKeys(receipt);
            phone.driver()
                    .findElement(By.cssSelector("form.status-form button[type=submit]"))
                    .click();
            assertThat(phone.driver().findElement(By.linkText("Read the story")).isDisplayed())
                    .isTrue();
        });
        phone.screenshot("journey-4-status-published-phone");
        phone.driver().findElement(By.linkText("Read the story")).click();
    }

    /** An editor signed in at the desk corrects the published story's text on its tip page, with a public note. */
    static void correctTheStory(Browser desk, String moderationUrl, String tipId, String body, String note) {
        desk.visit(moderationUrl + "/tips/" + tipId);
        WebElement text = desk.driver().findElement(By.id("correction-body"));
        text.clear();
        text.sendKeys(body);
        desk.driver().findElement(By.id("correction-note")).sendKeys(note);
        desk.driver().findElement(By.id("publish-correction")).click();
        awaitDone(desk, "Correction published");
    }

    /** The editor withdraws the story with a public reason, ticking the box that says they mean it. */
    static void withdrawTheStory(Browser desk, String moderationUrl, String tipId, String reason) {
        desk.visit(moderationUrl + "/tips/" + tipId);
        desk.driver().findElement(By.id("retraction-reason")).sendKeys(reason);
        desk.driver().findElement(By.id("retraction-confirm")).click();
        desk.driver().findElement(By.id("withdraw")).click();
        awaitDone(desk, "Story withdrawn");
        desk.fullPageScreenshot("journey-editor-withdrawn-desktop");
    }

    /**
     * The page the form's POST leads to says it is done. A click returns once the browser has
     * sent the form, not always once the next page is in: on a busy machine it may come later.
     */
    private static void awaitDone(Browser desk, String message) {
        await().atMost(PATIENCE)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(
                                desk.driver().findElement(By.id("done")).getText())
                        .contains(message));
    }

    private static Path temporaryCopy(String resource) {
        try (InputStream in = BrowserJourney.class.getResourceAsStream(resource)) {
            Path file = Files.createTempFile("newsdesk-journey-", resource.substring(resource.lastIndexOf('.')));
            Files.write(file, in.readAllBytes());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
