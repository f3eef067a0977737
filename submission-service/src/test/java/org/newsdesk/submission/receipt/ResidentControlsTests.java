package org.newsdesk.submission.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipWithdrawn;
import org.newsdesk.events.Topics;
import org.newsdesk.media.MediaStore;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.DistinctClients;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.submission.TipEvents;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.TipsApi.AcceptedTip;
import org.newsdesk.submission.photo.PhotoFixtures;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resident withdraws their tip and erases their contact details over the API, with nothing but
 * the receipt code: each act once on the tip (its history) and once on the topic, however often
 * it is asked for.
 */
@SubmissionIntegrationTest
class ResidentControlsTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    ContactVault vault;

    @Autowired
    MediaStore media;

    @Autowired
    SubmissionProperties properties;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void anUndecidedTipIsWithdrawnOnceHoweverOftenItIsAsked() {
        // Given a tip nobody decided yet
        AcceptedTip tip = TipsApi.submit(web);

        // When its resident withdraws it, twice
        for (int i = 0; i < 2; i++) {
            TipsApi.act(web, tip.receipt(), "withdrawal")
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("Cache-Control", "no-store")
                    .expectBody()
                    .json("{\"status\":\"WITHDRAWN\"}", true);
        }

        // Then its receipt says so at once
        assertThat(TipsApi.receipt(web, tip.receipt())).containsEntry("status", "WITHDRAWN");

        // And the tip records it with the next revision, which one TipWithdrawn on the topic carries
        Document stored = tipDocument(tip.tipId());
        assertThat(stored.get("withdrawnAt")).isNotNull();
        assertThat(stored.get("revision")).isEqualTo(2L);
        JsonNode withdrawn = awaitOne(tip.tipId(), TipWithdrawn.TYPE);
        assertThat(withdrawn.get("revision").asLong()).isEqualTo(2);
    }

    @Test
    void aTipOnHoldMayStillBeWithdrawnButADecidedOneIsNot() {
        // Given a tip on hold and a declined one
        AcceptedTip held = TipsApi.submit(web);
        AcceptedTip declined = TipsApi.submit(web);
        send(Topics.TIPS_DECIDED, decided(held.tipId(), TipDecided.Outcome.HELD, List.of()));
        send(Topics.TIPS_DECIDED, decided(declined.tipId(), TipDecided.Outcome.REJECTED, List.of()));
        awaitStatus(declined.receipt(), "DECLINED");
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(statusOf(held.receipt())));

        // When their residents withdraw them
        // Then the one on hold is withdrawn
        TipsApi.act(web, held.receipt(), "withdrawal").expectStatus().isOk();
        assertThat(statusOf(held.receipt())).isEqualTo("WITHDRAWN");

        // And the declined one is refused as decided, and stays declined, with no withdrawal recorded
        TipsApi.act(web, declined.receipt(), "withdrawal")
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Already decided")
                .jsonPath("$.status")
                .isEqualTo(409);
        assertThat(statusOf(declined.receipt())).isEqualTo("DECLINED");
        assertThat(tipDocument(declined.tipId()).get("withdrawnAt")).isNull();
    }

    @Test
    void erasureDeletesTheDataKeyAndThePhotosNoStoryUsesOnceHoweverOftenItIsAsked() {
        // Given a tip with contact details and two photos, the first chosen for the story by an approval
        String tipId;
        String receipt;
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("tip", TipJson.write(TipJson.complete())).contentType(MediaType.APPLICATION_JSON);
        body.part("photos", photo("chosen.jpg")).contentType(MediaType.IMAGE_JPEG);
        body.part("photos", photo("unused.jpg")).contentType(MediaType.IMAGE_JPEG);
        Map<String, Object> accepted = web.post()
                .uri("/api/tips")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(body.build())
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        tipId = (String) accepted.get("tipId");
        receipt = (String) accepted.get("receipt");
        JsonNode submitted =
                JSON.readTree(probe.awaitRecord(Topics.TIPS_SUBMITTED, tipId).value());
        List<PhotoReference> photos = List.of(
                reference(submitted.get("photos").get(0)),
                reference(submitted.get("photos").get(1)));
        send(
                Topics.TIPS_DECIDED,
                decided(tipId, TipDecided.Outcome.APPROVED, List.of(new StoryPhoto(photos.get(0), null))));
        awaitStatus(receipt, "IN_REVIEW");
        assertThat(vault.erased(tipId).block(PATIENCE)).isFalse();

        // When its resident erases their contact details, twice
        for (int i = 0; i < 2; i++) {
            TipsApi.act(web, receipt, "erasure")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .json("{\"status\":\"IN_REVIEW\",\"contactDetails\":\"ERASED\"}", true);
        }

        // Then the data key is gone, so no sealed copy opens any more, and the receipt says so
        assertThat(vault.erased(tipId).block(PATIENCE)).isTrue();
        web.get()
                .uri("/api/tips/{receipt}", receipt)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.contactDetails")
                .isEqualTo("ERASED");

        // And the photo the story uses stays, the other is deleted
        assertThat(media.read(photos.get(0).id()).blockOptional(PATIENCE)).isPresent();
        assertThat(media.read(photos.get(1).id()).blockOptional(PATIENCE)).isEmpty();

        // And the tip records who erased them, with the next revision, announced once on the topic
        Document stored = tipDocument(tipId);
        assertThat(stored.get("erasedBy")).isEqualTo("RESIDENT");
        assertThat(stored.get("contactErasedAt")).isNotNull();
        assertThat(stored.get("revision")).isEqualTo(2L);
        JsonNode erased = awaitOne(tipId, ContactErased.TYPE);
        assertThat(erased.get("cause").asString()).isEqualTo("RESIDENT");
        assertThat(erased.get("photosErased").asBoolean()).isTrue();
        assertThat(erased.get("revision").asLong()).isEqualTo(2);
    }

    @Test
    void codesNobodyWasGivenAre404AndCountAsGuessesLikeALookup() {
        // Given one client that withdraws and erases as many unknown codes as it may guess
        String client = DistinctClients.randomClient();
        for (int i = 0; i < properties.receiptGuesses(); i++) {
            web.post()
                    .uri("/api/tips/{receipt}/" + (i % 2 == 0 ? "withdrawal" : "erasure"), "K7Q2-M9XD-4HRT-PW3C")
                    .header("X-Forwarded-For", client)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Unknown receipt");
        }

        // When it looks up a code
        // Then it is asked to wait
        web.get()
                .uri("/api/tips/{receipt}", "K7Q2-M9XD-4HRT-PW3C")
                .header("X-Forwarded-For", client)
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void aTipKeptBeforeErasureExistedIsReadAndErasedLikeAnother() {
        // Given a tip and its receipt as they were stored before withdrawals and erasures existed
        ReceiptCode code = ReceiptCode.generate();
        String tipId = UUID.randomUUID().toString();
        Instant sent = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
        mongo.insert(
                        new Document("_id", tipId)
                                .append("revision", 1L)
                                .append("receiptDigest", code.digest())
                                .append("submittedAt", sent),
                        "tips")
                .block(PATIENCE);
        mongo.insert(
                        new Document("_id", tipId)
                                .append("receiptDigest", code.digest())
                                .append("status", "RECEIVED")
                                .append("submittedAt", sent)
                                .append("updatedAt", sent)
                                .append("submissionRevision", 1L)
                                .append("decisionRevision", 0L)
                                .append("storyRevision", 0L)
                                .append("version", 1L),
                        "receipts")
                .block(PATIENCE);

        // When its resident looks it up and erases their contact details
        // Then both are answered as for any tip, and the erasure is recorded and announced
        assertThat(statusOf(code.formatted())).isEqualTo("RECEIVED");
        TipsApi.act(web, code.formatted(), "erasure").expectStatus().isOk();
        assertThat(tipDocument(tipId).get("erasedBy")).isEqualTo("RESIDENT");
        assertThat(awaitOne(tipId, ContactErased.TYPE).get("cause").asString()).isEqualTo("RESIDENT");
    }

    private Document tipDocument(String tipId) {
        return mongo.findById(tipId, Document.class, "tips").block(PATIENCE);
    }

    private JsonNode awaitOne(String tipId, String type) {
        return TipEvents.awaitOne(probe, tipId, type);
    }

    private String statusOf(String receipt) {
        Map<String, Object> found = TipsApi.receipt(web, receipt);
        return found == null ? null : (String) found.get("status");
    }

    private void awaitStatus(String receipt, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(statusOf(receipt)));
    }

    private static PhotoReference reference(JsonNode photo) {
        return new PhotoReference(
                photo.get("id").asString(),
                photo.get("contentType").asString(),
                photo.get("size").asLong(),
                photo.get("sha256").asString(),
                photo.get("width").asInt(),
                photo.get("height").asInt());
    }

    private static ByteArrayResource photo(String name) {
        return PhotoFixtures.named(name, PhotoFixtures.noisyJpeg(40, 30));
    }

    private static TipDecided decided(String tipId, TipDecided.Outcome outcome, List<StoryPhoto> photos) {
        return TipEvents.decided(tipId, outcome, photos);
    }

    private void send(String topic, NewsdeskEvent event) {
        TipEvents.send(kafka, topic, event);
    }
}
