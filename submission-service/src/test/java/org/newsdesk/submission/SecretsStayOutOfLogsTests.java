package org.newsdesk.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.photo.PhotoFixtures;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A resident's receipt code and contact details never reach a log line, even when everything
 * around their tip fails: the receipt lookup, and every receipt listener that reads the tip. Nor
 * does their address, which only the rate limits look at, nor the names of their photos' files.
 */
@SubmissionIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    SubmissionProperties properties;

    @Test
    void aTipWhoseLookupAndListenersAllFailLeavesNoSecretInTheLogs(CapturedOutput output) {
        // Given a resident who left their name, email and phone with a tip, and got a receipt
        String token = letters(10);
        String name = "Mara " + token;
        String email = token + "@example.org";
        String phone = "+44 115 496 " + ThreadLocalRandom.current().nextInt(1000, 10000);
        Map<String, Object> accepted = send(TipJson.write(withContact(name, email, phone)));
        String tipId = (String) accepted.get("tipId");
        String receipt = (String) accepted.get("receipt");

        // When their receipt, once built from the topic, is stored in a shape the service cannot
        // read, and they look it up, however they type it
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Boolean.TRUE.equals(
                        mongo.exists(query(where("_id").is(tipId)), "receipts").block(Duration.ofSeconds(5))));
        mongo.updateFirst(query(where("_id").is(tipId)), Update.update("status", "MISLAID"), "receipts")
                .block(Duration.ofSeconds(5));
        for (String typed :
                new String[] {receipt, receipt.toLowerCase(Locale.ROOT).replace("-", "")}) {
            web.get()
                    .uri("/api/tips/{receipt}", typed)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .is5xxServerError();
        }

        // And the tip as it went out on Kafka comes back to the receipt listeners in every way they cannot take
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString(), PATIENCE);
        ConsumerRecord<String, byte[]> sent = await().atMost(PATIENCE)
                .until(() -> probe.rawRecords(Topics.TIPS_SUBMITTED, tipId), records -> !records.isEmpty())
                .get(0);
        String sealed = new String(sent.value(), StandardCharsets.UTF_8);
        assertThat(sealed).doesNotContain(email);
        // (as a tip sent before contact details were sealed, which the log still holds in clear)
        String json = sealed.replace(
                "\"contact\":null",
                "\"contact\":{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"phone\":\"" + phone + "\"}");
        assertThat(json).contains(email);
        // on the wrong topics
        resend(probe, sent, Topics.TIPS_DECIDED, tipId, json);
        resend(probe, sent, Topics.STORIES_PUBLISHED, tipId, json);
        // from a schema version to come
        resend(
                probe,
                sent,
                Topics.TIPS_SUBMITTED,
                tipId,
                json.replace("\"schemaVersion\":1,", "\"schemaVersion\":99,"));
        // with the contact mangled, which Jackson quotes when it refuses it
        resend(
                probe,
                sent,
                Topics.TIPS_SUBMITTED,
                tipId,
                json.replaceFirst("\"contact\":\\{[^}]*}", "\"contact\":\"" + email + "\""));
        resend(probe, sent, Topics.TIPS_SUBMITTED, tipId, json.replace("\"" + email + "\"", email));
        // and under another tip's id with the same receipt, which the receipt store refuses, retry after retry
        String copy = UUID.randomUUID().toString();
        resend(probe, sent, Topics.TIPS_SUBMITTED, copy, json.replace(tipId, copy));

        // And they send another tip whose contact details fail validation
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(withContact(name, "write to " + email, "ring " + phone)))
                .exchange()
                .expectStatus()
                .isBadRequest();

        // Then every failure reached its end and was logged
        String submittedDeadLetters = Topics.deadLetterOf(Topics.TIPS_SUBMITTED);
        probe.awaitRecord(Topics.deadLetterOf(Topics.TIPS_DECIDED), tipId);
        probe.awaitRecord(Topics.deadLetterOf(Topics.STORIES_PUBLISHED), tipId);
        probe.awaitRecord(submittedDeadLetters, copy);
        await().atMost(PATIENCE)
                .until(() -> probe.records(submittedDeadLetters, tipId).size() >= 3);
        assertThat(output)
                .contains("GET /api/tips/{redacted} failed")
                .contains("Sending " + Topics.TIPS_DECIDED)
                .contains("Sending " + Topics.STORIES_PUBLISHED)
                .contains("Sending " + Topics.TIPS_SUBMITTED);
        // And no line of the log holds the receipt code, however typed, nor any of the contact details
        String log = output.getAll();
        assertThat(log.toUpperCase(Locale.ROOT)).doesNotContain(receipt).doesNotContain(receipt.replace("-", ""));
        assertThat(log).doesNotContain(token).doesNotContain(phone);
    }

    @Test
    void aResidentsAddressContactDetailsAndFileNamesNeverReachTheLogs(CapturedOutput output) {
        // Given a resident behind the (trusted) proxy, with contact details and a photo whose name says who they are
        String token = letters(10);
        String address =
                "2001:db8::" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff)) + ":"
                        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        String name = "Mara " + token;
        String email = token + "@example.org";
        String phone = "+44 115 496 " + ThreadLocalRandom.current().nextInt(1000, 10000);
        String fileName = "mara-" + token + "-at-home.jpg";
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("name", name);
        fields.put("email", email);
        fields.put("phone", phone);

        // When they send the form with a photo, then one with a mistake, then one with a file that is no photo
        form(address, fields, fileName, PhotoFixtures.sidewaysJpegWithSecrets())
                .expectStatus()
                .isOk();
        Map<String, String> mistaken = new LinkedHashMap<>(fields);
        mistaken.put("headline", "");
        form(address, mistaken, fileName, PhotoFixtures.sidewaysJpegWithSecrets())
                .expectStatus()
                .isBadRequest();
        form(address, fields, fileName, PhotoFixtures.htmlPage()).expectStatus().isEqualTo(415);
        // And send tips until they are told to wait
        int limit = properties.tipRateLimit();
        for (int i = 0; i < limit; i++) {
            web.post()
                    .uri("/api/tips")
                    .header("X-Forwarded-For", address)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(TipJson.write(withContact(name, email, phone)))
                    .exchange();
        }
        web.post()
                .uri("/api/tips")
                .header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(withContact(name, email, phone)))
                .exchange()
                .expectStatus()
                .isEqualTo(429);
        // And look up a code that is not theirs
        web.post()
                .uri("/status")
                .header("X-Forwarded-For", address)
                .body(BodyInserters.fromFormData("receipt", "K7Q2-M9XD-4HRT-PW3C"))
                .exchange()
                .expectStatus()
                .isNotFound();

        // Then no line of the log holds their address, any of their contact details or their file's name
        String log = output.getAll();
        assertThat(log)
                .doesNotContain(address)
                .doesNotContain(token)
                .doesNotContain(phone)
                .doesNotContain(address.toUpperCase(Locale.ROOT));
    }

    private WebTestClient.ResponseSpec form(String client, Map<String, String> fields, String fileName, byte[] photo) {
        MultipartBodyBuilder body = TipFormPosts.multipart(fields);
        body.part("photos", new ByteArrayResource(photo) {
                    @Override
                    public String getFilename() {
                        return fileName;
                    }
                })
                .contentType(MediaType.IMAGE_JPEG);
        return web.post()
                .uri("/tips")
                .header("X-Forwarded-For", client)
                .accept(MediaType.TEXT_HTML)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(body.build())
                .exchange();
    }

    private Map<String, Object> send(String tip) {
        return web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(tip)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    private static Map<String, Object> withContact(String name, String email, String phone) {
        Map<String, Object> tip = TipJson.complete();
        tip.put("name", name);
        tip.put("email", email);
        tip.put("phone", phone);
        return tip;
    }

    /** The record as the service sent it, headers and all, with another key and value. */
    private static void resend(
            KafkaTopicProbe probe, ConsumerRecord<String, byte[]> sent, String topic, String key, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
        sent.headers().forEach(header -> record.headers().add(header));
        probe.sendRaw(record);
    }

    private static String letters(int count) {
        StringBuilder letters = new StringBuilder(count);
        ThreadLocalRandom.current().ints(count, 'a', 'z' + 1).forEach(letter -> letters.append((char) letter));
        return letters.toString();
    }
}
