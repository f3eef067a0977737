package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.record.EditorialAct;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A resident's name, email and phone reach the moderators' tip page and nowhere else: not the log,
 * even when their tip comes back in forms the intake cannot process and is parked, and, sealed,
 * never the store or the editorial record in clear.
 */
@ModerationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ContactDetailsStayOutOfLogsTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    WebTestClient webTestClient;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ContactVault vault;

    @Autowired
    ReactiveMongoOperations mongo;

    @Test
    void aTipWithContactDetailsThatIsParkedLeavesThemOutOfTheLog(CapturedOutput output) throws Exception {
        // Given a tip whose resident left their name, email and phone, in the queue
        String token = letters(10);
        TipSubmitted.Contact contact = new TipSubmitted.Contact(
                "Sam " + token,
                token + "@example.org",
                "+44 115 496 " + ThreadLocalRandom.current().nextInt(1000, 10000));
        TipSubmitted queued = TestTips.victimSupport(TestTips.newTipId(), Instant.now());
        TipSubmitted tip = new TipSubmitted(
                queued.eventId(),
                queued.schemaVersion(),
                queued.occurredAt(),
                queued.tipId(),
                queued.revision(),
                queued.receiptDigest(),
                queued.headline(),
                queued.body(),
                queued.area(),
                queued.category(),
                contact,
                queued.submittedAt());
        ModerationTestClient moderation = new ModerationTestClient(webTestClient, kafka);
        moderation.submitAndAwaitQueued(tip);

        // When the same tip comes again from a schema version to come
        kafka.send(
                        Topics.TIPS_SUBMITTED,
                        tip.tipId(),
                        new TipSubmitted(
                                tip.eventId(),
                                TipSubmitted.SCHEMA_VERSION + 1,
                                tip.occurredAt(),
                                tip.tipId(),
                                tip.revision(),
                                tip.receiptDigest(),
                                tip.headline(),
                                tip.body(),
                                tip.area(),
                                tip.category(),
                                contact,
                                tip.submittedAt()))
                .get(30, TimeUnit.SECONDS);
        // And with its contact mangled in ways Jackson quotes when it refuses them
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE);
        ConsumerRecord<String, byte[]> sent =
                probe.rawRecords(Topics.TIPS_SUBMITTED, tip.tipId()).get(0);
        String json = new String(sent.value(), StandardCharsets.UTF_8);
        assertThat(json).contains(contact.email());
        resend(probe, sent, json.replaceFirst("\"contact\":\\{[^}]*}", "\"contact\":\"" + contact.email() + "\""));
        resend(probe, sent, json.replace("\"" + contact.email() + "\"", contact.email()));

        // Then all three are parked on the dead-letter topic, and the log says so
        String deadLetters = Topics.deadLetterOf(Topics.TIPS_SUBMITTED);
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> probe.records(deadLetters, tip.tipId()).size() >= 3);
        assertThat(output)
                .contains("Tip " + tip.tipId() + " joined the moderation queue")
                .contains("Sending " + Topics.TIPS_SUBMITTED)
                .contains("to its dead-letter topic");
        // And no line of it holds the resident's name, email or phone
        assertThat(output).doesNotContain(token).doesNotContain(contact.phone());
    }

    @Test
    void sealedDetailsOpenedForAModeratorAreNeitherLoggedNorStoredInClear(CapturedOutput output) throws Exception {
        // Given a tip whose contact details were sealed at the field
        String token = letters(10);
        String tipId = TestTips.newTipId();
        ContactDetails details =
                new ContactDetails("Sam " + token, token + "@example.org", "+44 115 496 0" + token.length());
        ModerationTestClient moderation = new ModerationTestClient(webTestClient, kafka);
        moderation.submitAndAwaitQueued(
                TestTips.sealed(tipId, "Alfreton", vault.seal(tipId, details).block(TIMEOUT), List.of()));

        // When a moderator opens its page, which shows them, and the editorial record takes the showing
        PageSession session = PageSession.signIn(
                webTestClient, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        assertThat(session.page(webTestClient, "/tips/{id}", tipId)).contains(details.email());

        // Then neither the tip as stored nor the record holds them in clear, and no log line does
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> mongo.find(
                                query(where(EditorialAct.TIP_ID).is(tipId)), Document.class, EditorialAct.COLLECTION)
                        .hasElements()
                        .block(TIMEOUT));
        String stored = mongo.findById(tipId, Document.class, ModeratedTip.COLLECTION)
                        .block(TIMEOUT)
                        .toJson()
                + mongo.find(query(where(EditorialAct.TIP_ID).is(tipId)), Document.class, EditorialAct.COLLECTION)
                        .map(Document::toJson)
                        .collectList()
                        .block(TIMEOUT);
        assertThat(stored).contains("sealedContact").doesNotContain(token);
        assertThat(output).doesNotContain(token);
    }

    /** The record as it was sent, headers and all, with another value. */
    private static void resend(KafkaTopicProbe probe, ConsumerRecord<String, byte[]> sent, String json) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(sent.topic(), sent.key(), json.getBytes(StandardCharsets.UTF_8));
        sent.headers().forEach(header -> record.headers().add(header));
        probe.sendRaw(record);
    }

    private static String letters(int count) {
        StringBuilder letters = new StringBuilder(count);
        ThreadLocalRandom.current().ints(count, 'a', 'z' + 1).forEach(letter -> letters.append((char) letter));
        return letters.toString();
    }
}
