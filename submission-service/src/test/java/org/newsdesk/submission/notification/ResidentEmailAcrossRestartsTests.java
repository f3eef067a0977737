package org.newsdesk.submission.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.newsdesk.submission.notification.ResidentMail.decided;
import static org.newsdesk.submission.notification.ResidentMail.emailsTo;
import static org.newsdesk.submission.notification.ResidentMail.published;
import static org.newsdesk.submission.notification.ResidentMail.revised;
import static org.newsdesk.submission.notification.ResidentMail.send;
import static org.newsdesk.submission.notification.ResidentMail.tipFrom;
import static org.newsdesk.submission.notification.ResidentMail.uniqueAddress;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.submission.DistinctClients;
import org.newsdesk.submission.SubmissionApplication;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TestClock;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.TipsApi.AcceptedTip;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service as it is run, started and stopped on one store and one broker: an email is sent
 * once, whatever is restarted, read again or rebuilt; and with no SMTP server it is written to
 * the drop folder. Each instance here has a database and a consumer group of its own, beside the
 * test context (which sends no email: it has neither an SMTP server nor a drop folder).
 */
@SubmissionIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ResidentEmailAcrossRestartsTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void anEmailIsSentOnceAcrossARestartEventsReadAgainAndARebuild() throws Exception {
        // Given a resident emailed about their published tip by one instance of the service
        String database = "newsdesk-submission-notices-" + UUID.randomUUID();
        String group = "submission-notices-" + UUID.randomUUID();
        String address = uniqueAddress();
        AcceptedTip tip;
        TipDecided approved;
        StoryPublished story;
        try (ConfigurableApplicationContext first = start(database, group, overSmtp())) {
            tip = TipsApi.submit(client(first), tipFrom(address, true));
            approved = decided(tip.tipId(), TipDecided.Outcome.APPROVED, null, null);
            story = published(tip.tipId());
            send(kafka, approved);
            send(kafka, story);
            awaitEmailsTo(address);
            awaitReceipt(first, tip.tipId(), ResidentEmailAcrossRestartsTests::settled);
        }

        // When the service is started again on the same store and broker, and reads the tip's decision
        // and story again (then a newer revision of each that changes nothing for the resident, read after them)
        try (ConfigurableApplicationContext second = start(database, group, overSmtp())) {
            send(kafka, approved);
            send(kafka, story);
            send(kafka, revised(approved, approved.revision() + 1));
            send(
                    kafka,
                    new StoryPublished(
                            UUID.randomUUID(),
                            StoryPublished.SCHEMA_VERSION,
                            story.occurredAt(),
                            tip.tipId(),
                            2,
                            story.slug(),
                            story.headline(),
                            story.url(),
                            story.publishedAt()));
            Document receipt = awaitReceipt(
                    second,
                    tip.tipId(),
                    found -> found.getLong("storyRevision") == 2 && found.getLong("decisionRevision") == 3);

            // Then nothing is owed and nothing more was sent: another resident's email goes out, and
            // this resident still has the one
            assertThat(settled(receipt)).isTrue();
            String other = uniqueAddress();
            emailedThrough(second, other);
            assertThat(emailsTo(smtp, address)).hasSize(1);
        }

        // When the receipts are rebuilt from the log and the service runs on the rebuilt store
        String rebuilt = database + "-rebuilt";
        rebuild(rebuilt);
        try (ConfigurableApplicationContext third = start(rebuilt, group, overSmtp())) {

            // Then the rebuilt receipt knows the email was dealt with, and it is not sent again
            assertThat(settled(awaitReceipt(third, tip.tipId(), found -> true))).isTrue();
            emailedThrough(third, uniqueAddress());
            assertThat(emailsTo(smtp, address)).hasSize(1);
        }
    }

    @Test
    void withoutAnSmtpServerEachEmailIsWrittenToTheDropFolder(@TempDir Path data, CapturedOutput output)
            throws Exception {
        // Given the service run with no SMTP server and a drop folder, as the embedded run starts it
        Path folder = data.resolve("mail");
        String address = uniqueAddress();
        String database = "newsdesk-submission-drop-" + UUID.randomUUID();
        try (ConfigurableApplicationContext service = start(
                database,
                "submission-drop-" + UUID.randomUUID(),
                List.of("--newsdesk.notification.drop-folder=" + folder))) {

            // Then its log says where emails go
            assertThat(output).contains("emails to residents are written as .eml files to " + folder);

            // When a tip whose resident agreed to be contacted is declined
            AcceptedTip tip = TipsApi.submit(client(service), tipFrom(address, true));
            send(kafka, decided(tip.tipId(), TipDecided.Outcome.REJECTED, "We only cover Erewash.", null));

            // Then the email is a file named for the tip and the kind, whole, addressed to the resident
            Path file = folder.resolve(tip.tipId() + "-declined.eml");
            await().atMost(PATIENCE).until(() -> Files.exists(file));
            awaitReceipt(service, tip.tipId(), ResidentEmailAcrossRestartsTests::settled);
            MimeMessage email;
            try (InputStream in = Files.newInputStream(file)) {
                email = new MimeMessage(Session.getInstance(new Properties()), in);
            }
            assertThat(((InternetAddress) email.getRecipients(Message.RecipientType.TO)[0]).getAddress())
                    .isEqualTo(address);
            assertThat(GreenMailUtil.getBody(email)).contains("We only cover Erewash.");
            assertThat(email.getMessageID()).isEqualTo("<" + tip.tipId() + ".declined@localhost>");
            try (Stream<Path> written = Files.list(folder)) {
                assertThat(written.map(path -> path.getFileName().toString()))
                        .containsExactly(tip.tipId() + "-declined.eml");
            }
            assertThat(output).doesNotContain(address);
        }
    }

    /** A resident's tip declined through this instance, and their email awaited: the relay is past what came before. */
    private void emailedThrough(ConfigurableApplicationContext service, String address) {
        AcceptedTip marker = TipsApi.submit(client(service), tipFrom(address, true));
        send(kafka, decided(marker.tipId(), TipDecided.Outcome.REJECTED, "Not local news.", null));
        awaitEmailsTo(address);
    }

    private ConfigurableApplicationContext start(String database, String group, List<String> mail) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--" + TestClock.PRIVACY_KEY,
                "--" + DistinctClients.TRUSTED_PROXIES,
                "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                "--spring.mongodb.database=" + database,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.kafka.consumer.group-id=" + group,
                "--newsdesk.notification.tick=50ms"));
        args.addAll(mail);
        return new SpringApplicationBuilder(SubmissionApplication.class).run(args.toArray(String[]::new));
    }

    private void rebuild(String database) {
        List<String> args = new ArrayList<>(List.of(
                "--newsdesk.rebuild=true",
                "--newsdesk.rebuild-exit=false",
                "--" + TestClock.PRIVACY_KEY,
                "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                "--spring.mongodb.database=" + database,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString()));
        args.addAll(overSmtp());
        new SpringApplicationBuilder(SubmissionApplication.class)
                .run(args.toArray(String[]::new))
                .close();
    }

    private static List<String> overSmtp() {
        return List.of(
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort());
    }

    private static WebTestClient client(ConfigurableApplicationContext service) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Sent, and marked so: nothing pending, and the kind never made again. */
    private static boolean settled(Document receipt) {
        return !receipt.containsKey("notice")
                && !receipt.containsKey("noticeDueAt")
                && !receipt.getList("noticesHandled", String.class).isEmpty();
    }

    private static Document awaitReceipt(
            ConfigurableApplicationContext service, String tipId, Predicate<Document> condition) {
        ReactiveMongoOperations mongo = service.getBean(ReactiveMongoOperations.class);
        return await().atMost(PATIENCE)
                .until(
                        () -> mongo.findById(tipId, Document.class, "receipts").block(PATIENCE),
                        receipt -> receipt != null && condition.test(receipt));
    }

    private static void awaitEmailsTo(String address) {
        await().atMost(PATIENCE).until(() -> !emailsTo(smtp, address).isEmpty());
    }
}
