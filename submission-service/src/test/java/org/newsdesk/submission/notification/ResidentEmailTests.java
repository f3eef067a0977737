package org.newsdesk.submission.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.newsdesk.submission.notification.ResidentMail.decided;
import static org.newsdesk.submission.notification.ResidentMail.emailsTo;
import static org.newsdesk.submission.notification.ResidentMail.published;
import static org.newsdesk.submission.notification.ResidentMail.revised;
import static org.newsdesk.submission.notification.ResidentMail.send;
import static org.newsdesk.submission.notification.ResidentMail.storyUrl;
import static org.newsdesk.submission.notification.ResidentMail.tipFrom;
import static org.newsdesk.submission.notification.ResidentMail.uniqueAddress;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.browser.Browser;
import org.newsdesk.browser.BrowserTest;
import org.newsdesk.events.TipDecided;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipEvents;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.TipsApi.AcceptedTip;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A resident who gave an address and agreed to be contacted is emailed once when their tip is
 * published, declined or covered by another tip's story, and at no other time; read here from a
 * real SMTP server in the test JVM.
 */
@SubmissionIntegrationTest
@TestPropertySource(
        properties = {
            "newsdesk.notification.from=tips@erewash-sound.example",
            "newsdesk.notification.tick=50ms",
            "newsdesk.notification.initial-backoff=100ms",
            "newsdesk.notification.max-backoff=400ms"
        })
class ResidentEmailTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    ContactVault vault;

    @Autowired
    JavaMailSenderImpl sender;

    @Test
    void aPublishedTipsResidentGetsTheStorysLinkAndNeverTheReceiptCode() throws Exception {
        // Given a resident who gave their address and agreed to be contacted
        String address = uniqueAddress();
        AcceptedTip tip = TipsApi.submit(web, tipFrom(address, true));

        // When their tip is approved and published
        send(kafka, decided(tip.tipId(), TipDecided.Outcome.APPROVED, null, null));
        send(kafka, published(tip.tipId()));

        // Then they get one email from the outlet with the story's link, and nothing of their receipt code
        MimeMessage email = awaitOneEmailTo(address);
        assertThat(email.getSubject()).isEqualTo("Your tip is now a story on Erewash Sound");
        assertThat(((InternetAddress) email.getFrom()[0]).getPersonal()).isEqualTo("Erewash Sound");
        assertThat(((InternetAddress) email.getFrom()[0]).getAddress()).isEqualTo("tips@erewash-sound.example");
        assertThat(email.getMessageID()).isEqualTo("<" + tip.tipId() + ".published@erewash-sound.example>");
        String whole = GreenMailUtil.getWholeMessage(email);
        assertThat(GreenMailUtil.getBody(email)).contains(storyUrl(tip.tipId()));
        assertThat(whole)
                .doesNotContain(tip.receipt())
                .doesNotContain(tip.receipt().replace("-", ""))
                .doesNotContain("Angela Resident");
        awaitSettled(tip.tipId(), "PUBLISHED");
    }

    @Test
    @BrowserTest
    void aResidentWhoSentTheFormInABrowserIsEmailedOnceWhenTheirTipIsPublished() throws Exception {
        // Given a resident who sends the form in Chromium, with their address, agreeing to be contacted
        String address = uniqueAddress();
        String headline = "Footbridge at Trent Lock closed " + UUID.randomUUID();
        String receipt;
        try (Browser browser = Browser.open(Browser.Screen.PHONE, false)) {
            WebDriver driver = browser.driver();
            browser.visit("http://localhost:" + port + "/");
            driver.findElement(By.id("headline")).sendKeys(headline);
            driver.findElement(By.id("body"))
                    .sendKeys("The footbridge over the canal has been fenced off since Monday.");
            new Select(driver.findElement(By.id("area"))).selectByVisibleText("Long Eaton");
            new Select(driver.findElement(By.id("category"))).selectByVisibleText("Roads and transport");
            driver.findElement(By.id("name")).sendKeys("Angela Resident");
            driver.findElement(By.id("email")).sendKeys(address);
            driver.findElement(By.id("contactConsent")).click();
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            receipt = await().atMost(PATIENCE)
                    .until(
                            () -> driver.findElements(By.cssSelector("p#receipt")).stream()
                                    .map(WebElement::getText)
                                    .findFirst()
                                    .orElse(""),
                            code -> !code.isBlank());
            browser.assertAccessible();
        }
        String tipId = TipEvents.awaitHeadline(new KafkaTopicProbe(broker.getBrokersAsString()), headline)
                .key();

        // When the newsroom approves and publishes it
        send(kafka, decided(tipId, TipDecided.Outcome.APPROVED, null, null));
        send(kafka, published(tipId));

        // Then one email reaches their mailbox with the story's link and nothing of their receipt code
        MimeMessage email = awaitOneEmailTo(address);
        assertThat(GreenMailUtil.getBody(email)).contains(storyUrl(tipId));
        assertThat(GreenMailUtil.getWholeMessage(email))
                .doesNotContain(receipt)
                .doesNotContain(receipt.replace("-", ""));
        awaitSettled(tipId, "PUBLISHED");
        assertThat(emailsTo(smtp, address)).hasSize(1);
    }

    @Test
    void aDeclinedTipsResidentReadsTheModeratorsReason() throws Exception {
        // Given a resident who agreed to be contacted
        String address = uniqueAddress();
        AcceptedTip tip = TipsApi.submit(web, tipFrom(address, true));

        // When the moderators decline the tip with a reason for them
        send(kafka, decided(tip.tipId(), TipDecided.Outcome.REJECTED, "We covered this road closure last week.", null));

        // Then they are told, with that reason
        MimeMessage email = awaitOneEmailTo(address);
        assertThat(email.getSubject()).isEqualTo("About the tip you sent Erewash Sound");
        assertThat(GreenMailUtil.getBody(email))
                .contains("We have decided not to publish it")
                .contains("We covered this road closure last week.");
    }

    @Test
    void aDuplicatesResidentGetsTheOriginalsStoryWhenItWasPublishedBefore() throws Exception {
        // Given an original tip already published
        AcceptedTip original = TipsApi.submit(web, tipFrom(uniqueAddress(), false));
        send(kafka, decided(original.tipId(), TipDecided.Outcome.APPROVED, null, null));
        send(kafka, published(original.tipId()));
        awaitReceipt(original.tipId(), receipt -> "PUBLISHED".equals(receipt.get("status")));
        String address = uniqueAddress();
        AcceptedTip duplicate = TipsApi.submit(web, tipFrom(address, true));

        // When another tip is closed as its duplicate
        send(
                kafka,
                decided(duplicate.tipId(), TipDecided.Outcome.DUPLICATE, "Another reader told us.", original.tipId()));

        // Then that tip's resident is told their news is covered, with the original's story
        MimeMessage email = awaitOneEmailTo(address);
        assertThat(email.getSubject()).isEqualTo("The news in your tip is now a story on Erewash Sound");
        assertThat(GreenMailUtil.getBody(email)).contains(storyUrl(original.tipId()));
        assertThat(email.getMessageID()).startsWith("<" + duplicate.tipId() + ".covered@");
    }

    @Test
    void aDuplicatesResidentWaitsForTheOriginalsStoryWhenItComesAfter() throws Exception {
        // Given a tip closed as the duplicate of one not yet published
        AcceptedTip original = TipsApi.submit(web, tipFrom(uniqueAddress(), false));
        String address = uniqueAddress();
        AcceptedTip duplicate = TipsApi.submit(web, tipFrom(address, true));
        send(
                kafka,
                decided(duplicate.tipId(), TipDecided.Outcome.DUPLICATE, "Another reader told us.", original.tipId()));
        awaitReceipt(duplicate.tipId(), receipt -> "DECLINED".equals(receipt.get("status")));

        // Then nothing is owed to its resident yet
        assertThat(receipt(duplicate.tipId())).doesNotContainKey("notice");
        assertThat(emailsTo(smtp, address)).isEmpty();

        // When the original is published
        send(kafka, decided(original.tipId(), TipDecided.Outcome.APPROVED, null, null));
        send(kafka, published(original.tipId()));

        // Then the duplicate's resident gets the original's story
        MimeMessage email = awaitOneEmailTo(address);
        assertThat(GreenMailUtil.getBody(email)).contains(storyUrl(original.tipId()));
    }

    @Test
    void noEmailWithoutConsentOrWithoutAnAddress() {
        // Given a resident who gave an address and did not agree to be contacted, and one who agreed and gave none
        String address = uniqueAddress();
        AcceptedTip notAgreed = TipsApi.submit(web, tipFrom(address, false));
        Map<String, Object> noAddress = tipFrom(address, true);
        noAddress.remove("email");
        AcceptedTip noEmail = TipsApi.submit(web, noAddress);

        // When both are published
        for (AcceptedTip tip : List.of(notAgreed, noEmail)) {
            send(kafka, decided(tip.tipId(), TipDecided.Outcome.APPROVED, null, null));
            send(kafka, published(tip.tipId()));
        }

        // Then neither receipt owes an email, and none was sent
        for (AcceptedTip tip : List.of(notAgreed, noEmail)) {
            awaitReceipt(tip.tipId(), receipt -> "PUBLISHED".equals(receipt.get("status")));
            assertThat(receipt(tip.tipId())).doesNotContainKeys("notice", "noticeDueAt", "sealedEmail");
            assertThat(receipt(tip.tipId()).getList("noticesHandled", String.class))
                    .isEmpty();
        }
        assertThat(emailsTo(smtp, address)).isEmpty();
    }

    @Test
    void aHoldSendsNothingAndADecisionReadAgainSendsNoSecondEmail() throws Exception {
        // Given a tip put on hold, then declined
        String address = uniqueAddress();
        AcceptedTip tip = TipsApi.submit(web, tipFrom(address, true));
        TipDecided held = decided(tip.tipId(), TipDecided.Outcome.HELD, null, null);
        send(kafka, held);
        awaitReceipt(tip.tipId(), receipt -> "IN_REVIEW".equals(receipt.get("status")));
        assertThat(receipt(tip.tipId())).doesNotContainKey("notice");
        TipDecided declined = revised(decided(tip.tipId(), TipDecided.Outcome.REJECTED, "Not local.", null), 3);
        send(kafka, declined);
        awaitOneEmailTo(address);
        awaitSettled(tip.tipId(), "DECLINED");

        // When the decline and the hold are read again, and then the tip is held anew (read after them:
        // one tip's decisions are in order on one partition)
        send(kafka, declined);
        send(kafka, held);
        send(kafka, revised(held, 4));
        awaitReceipt(tip.tipId(), receipt -> "IN_REVIEW".equals(receipt.get("status")));

        // Then the receipt owes nothing and the resident has had one email
        assertThat(receipt(tip.tipId())).doesNotContainKey("notice");
        assertThat(emailsTo(smtp, address)).hasSize(1);
    }

    @Test
    void anEmailTheSmtpServerRefusedIsTriedAgainAndSentOnce() throws Exception {
        // Given an SMTP server that cannot be reached
        String address = uniqueAddress();
        int port = sender.getPort();
        sender.setPort(unreachablePort());
        try {
            // When a tip is declined
            AcceptedTip tip = TipsApi.submit(web, tipFrom(address, true));
            send(kafka, decided(tip.tipId(), TipDecided.Outcome.REJECTED, "Not local news.", null));

            // Then the send fails, is counted and waits for its next try
            awaitReceipt(
                    tip.tipId(),
                    receipt -> receipt.get("notice", Document.class) != null
                            && receipt.get("notice", Document.class).getInteger("attempts") >= 2);
            assertThat(emailsTo(smtp, address)).isEmpty();
        } finally {
            // When the server is back
            sender.setPort(port);
        }

        // Then the email goes, once
        awaitOneEmailTo(address);
    }

    @Test
    void anEmailWaitingWhenItsResidentErasesTheirDetailsIsNeverSent() throws Exception {
        // Given a declined tip whose email waits for an SMTP server that cannot be reached
        String address = uniqueAddress();
        int port = sender.getPort();
        sender.setPort(unreachablePort());
        AcceptedTip tip;
        try {
            tip = TipsApi.submit(web, tipFrom(address, true));
            send(kafka, decided(tip.tipId(), TipDecided.Outcome.REJECTED, "Not local news.", null));
            awaitReceipt(
                    tip.tipId(),
                    receipt -> receipt.get("notice", Document.class) != null
                            && receipt.get("notice", Document.class).getInteger("attempts") >= 1);

            // When the resident erases their contact details from the status page
            TipsApi.act(web, tip.receipt(), "erasure").expectStatus().isOk();

            // Then the receipt, once it hears of it, owes them nothing
            awaitReceipt(
                    tip.tipId(), receipt -> receipt.containsKey("contactErasedAt") && !receipt.containsKey("notice"));
        } finally {
            // When the SMTP server is back, and another resident's email goes through it
            sender.setPort(port);
        }
        String other = uniqueAddress();
        AcceptedTip next = TipsApi.submit(web, tipFrom(other, true));
        send(kafka, decided(next.tipId(), TipDecided.Outcome.REJECTED, "Not local news.", null));
        awaitOneEmailTo(other);

        // Then the resident who erased their details was never emailed
        assertThat(emailsTo(smtp, address)).isEmpty();
        assertThat(receipt(tip.tipId())).doesNotContainKeys("notice", "noticeDueAt");
    }

    @Test
    void anEmailWhoseAddressWillNotOpenAnyMoreIsDroppedUnsent() {
        // Given a tip whose data key is gone before its receipt heard of any erasure
        String address = uniqueAddress();
        AcceptedTip tip = TipsApi.submit(web, tipFrom(address, true));
        awaitReceipt(tip.tipId(), receipt -> receipt.containsKey("sealedEmail"));
        assertThat(vault.erase(tip.tipId()).block(PATIENCE)).isTrue();

        // When it is declined
        send(kafka, decided(tip.tipId(), TipDecided.Outcome.REJECTED, "Not local news.", null));

        // Then its notice is made, found unopenable when it is to be sent, and settled without an email
        awaitSettled(tip.tipId(), "DECLINED");
        assertThat(emailsTo(smtp, address)).isEmpty();
    }

    private MimeMessage awaitOneEmailTo(String address) throws MessagingException {
        List<MimeMessage> emails =
                await().atMost(PATIENCE).until(() -> emailsTo(smtp, address), found -> !found.isEmpty());
        assertThat(emails).hasSize(1);
        return emails.get(0);
    }

    /** The notice is marked done with: sent (or dropped), and never made again. */
    private void awaitSettled(String tipId, String kind) {
        awaitReceipt(
                tipId,
                receipt -> !receipt.containsKey("notice")
                        && !receipt.containsKey("noticeDueAt")
                        && receipt.getList("noticesHandled", String.class).contains(kind));
    }

    private void awaitReceipt(String tipId, java.util.function.Predicate<Document> condition) {
        await().atMost(PATIENCE).until(() -> {
            Document receipt = receipt(tipId);
            return receipt != null && condition.test(receipt);
        });
    }

    private Document receipt(String tipId) {
        return mongo.findById(tipId, Document.class, "receipts").block(PATIENCE);
    }

    /** A port nothing listens on: one the system just gave out and took back. */
    private static int unreachablePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
