package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.SealedContact;
import org.newsdesk.events.Topics;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipFormPosts;
import org.newsdesk.submission.TipJson;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resident's name, email and phone are sealed before the tip is stored or announced: neither the
 * stored tip nor the event on the topic holds them, and only the tip's data key opens them.
 */
@SubmissionIntegrationTest
class SealedContactTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    ContactVault vault;

    @Test
    void contactDetailsSentThroughTheApiAreStoredAndAnnouncedOnlySealed() {
        // Given a resident whose name, email and phone can be told from any other
        ContactDetails typed = marked();

        // When they send a tip with them through the API, with an idempotency key
        Map<String, Object> tip = TipJson.complete();
        tip.put("name", typed.name());
        tip.put("email", typed.email());
        tip.put("phone", typed.phone());
        Map<String, Object> accepted = web.post()
                .uri("/api/tips")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(tip))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();

        // Then they are sealed everywhere, and open with the tip's key to what they typed
        assertSealedEverywhere((String) accepted.get("tipId"), typed);
    }

    @Test
    void contactDetailsSentThroughTheFormAreStoredAndAnnouncedOnlySealed() {
        // Given a resident whose name, email and phone can be told from any other
        ContactDetails typed = marked();

        // When they send a tip with them through the form
        String headline = "Flooding on Station Road " + UUID.randomUUID();
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("headline", headline);
        fields.put("name", typed.name());
        fields.put("email", typed.email());
        fields.put("phone", typed.phone());
        fields.put("formToken", TipFormPosts.formToken(web));
        TipFormPosts.post(web, TipFormPosts.multipart(fields)).expectStatus().isOk();

        // Then they are sealed everywhere, and open with the tip's key to what they typed
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString());
        String tipId = await().atMost(PATIENCE)
                .until(
                        () -> probe.records(Topics.TIPS_SUBMITTED).stream()
                                .filter(record -> record.value().contains(headline))
                                .map(ConsumerRecord::key)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertSealedEverywhere(tipId, typed);
    }

    private void assertSealedEverywhere(String tipId, ContactDetails typed) {
        List<String> markers = List.of(typed.name(), typed.email(), typed.phone());

        // The stored tip, the whole document as the database holds it (outbox, fingerprint and all)
        Document stored =
                mongo.findById(tipId, Document.class, SubmittedTips.COLLECTION).block(PATIENCE);
        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain(markers);

        // The event on the topic, its raw bytes
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString());
        probe.awaitRecord(Topics.TIPS_SUBMITTED, tipId);
        ConsumerRecord<String, byte[]> raw =
                probe.rawRecords(Topics.TIPS_SUBMITTED, tipId).get(0);
        assertThat(new String(raw.value(), StandardCharsets.UTF_8)).doesNotContain(markers);

        // And the event's sealed details open, with the tip's key, to what was typed
        JsonNode event = JSON.readTree(raw.value());
        assertThat(event.get("contact").isNull()).isTrue();
        SealedContact sealed = JSON.treeToValue(event.get("sealedContact"), SealedContact.class);
        assertThat(vault.open(tipId, sealed).block(PATIENCE)).isEqualTo(typed);
    }

    private static ContactDetails marked() {
        String marker = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
        return new ContactDetails(
                "Marker Name " + marker,
                "marker-" + marker + "@example.org",
                "+44 7700 9" + ThreadLocalRandom.current().nextInt(10000, 100000));
    }
}
