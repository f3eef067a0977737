package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A resident's name, email and phone reach the moderators' queue and nowhere else: not the log,
 * even when their tip comes back in forms the intake cannot process and is parked.
 */
@ModerationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ContactDetailsStayOutOfLogsTests {

    @Autowired
    WebTestClient webTestClient;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

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
