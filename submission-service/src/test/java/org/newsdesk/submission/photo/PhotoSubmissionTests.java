package org.newsdesk.submission.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.Topics;
import org.newsdesk.media.MediaProperties;
import org.newsdesk.media.MediaStore;
import org.newsdesk.media.StoredPhoto;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipFormPosts;
import org.newsdesk.submission.TipJson;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Photos sent with a tip, from the form and the API: stored clean before the tip, referred to by the event. */
@SubmissionIntegrationTest
class PhotoSubmissionTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    WebTestClient web;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MediaStore media;

    @Autowired
    MongoClient mongo;

    @Autowired
    MediaProperties mediaProperties;

    @Autowired
    DecodingPool decoders;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void aPhotoSentWithTheFormIsStoredWithoutItsSecretsAndTheEventRefersToIt() throws IOException {
        // Given a resident's form with a photo their phone took, position, camera and all
        String headline = "Flooded underpass at Ilkeston station " + UUID.randomUUID();
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("headline", headline);
        MultipartBodyBuilder body = TipFormPosts.multipart(fields);
        body.part("photos", PhotoFixtures.named("IMG_2041.jpg", PhotoFixtures.sidewaysJpegWithSecrets()))
                .contentType(MediaType.IMAGE_JPEG);

        // When they send it
        String page = TipFormPosts.post(web, body)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then they get a receipt, and the tip on its way refers to one photo
        assertThat(TipFormPosts.receiptOn(page)).isNotNull();
        JsonNode event = JSON.readTree(awaitHeadline(headline).value());
        JsonNode photos = event.get("photos");
        assertThat(photos.size()).isEqualTo(1);
        JsonNode reference = photos.get(0);
        assertThat(reference.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(reference.get("width").asInt()).isEqualTo(80);
        assertThat(reference.get("height").asInt()).isEqualTo(160);
        assertThat(event.toString()).doesNotContain("IMG_2041");

        // And the photo in the media store, read by that reference, is the one described, upright, without metadata
        StoredPhoto stored = media.read(reference.get("id").asString()).block(PATIENCE);
        assertThat(stored).isNotNull();
        assertThat(stored.reference().sha256())
                .isEqualTo(reference.get("sha256").asString());
        assertThat((long) stored.bytes().length).isEqualTo(reference.get("size").asLong());
        PhotoMetadata.assertNone(stored.bytes());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(stored.bytes()));
        assertThat(image.getHeight()).isGreaterThan(image.getWidth());
    }

    @Test
    void theApiTakesATipWithPhotosAsMultipart() {
        // Given a tip as JSON and two photos, a JPEG and a PNG, declared as whatever the client thought
        String headline = "Mural finished on Bath Street " + UUID.randomUUID();
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("tip", TipJson.write(TipJson.with("headline", headline))).contentType(MediaType.APPLICATION_JSON);
        body.part("photos", PhotoFixtures.named("mural.jpg", PhotoFixtures.noisyJpeg(120, 90)))
                .contentType(MediaType.APPLICATION_OCTET_STREAM);
        body.part("photos", PhotoFixtures.named("detail.png", PhotoFixtures.noisyPng(60, 40)))
                .contentType(MediaType.IMAGE_JPEG);

        // When it is sent
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(body.build())
                .exchange()
                // Then it is accepted like any tip
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .exists("Location")
                .expectBody()
                .jsonPath("$.receipt")
                .exists();

        // And the event refers to both photos, in their order, by what they really are
        JsonNode photos = JSON.readTree(awaitHeadline(headline).value()).get("photos");
        assertThat(photos.size()).isEqualTo(2);
        assertThat(photos.get(0).get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(photos.get(1).get("contentType").asString()).isEqualTo("image/png");
    }

    @Test
    void eachBadPhotoIsRefusedNamingTheFileAndNothingIsStored() {
        // Given files that are not photos we take: a page named .jpg, a photo cut short, a bomb, one too large
        record Bad(String name, byte[] bytes, HttpStatus status, String says) {}
        List<Bad> bad = List.of(
                new Bad(
                        "holiday.jpg",
                        PhotoFixtures.htmlPage(),
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "“holiday.jpg” is not a photo"),
                new Bad(
                        "half.jpg",
                        PhotoFixtures.truncated(PhotoFixtures.noisyJpeg(400, 300), 0.6),
                        HttpStatus.BAD_REQUEST,
                        "“half.jpg” could not be read as a photo"),
                new Bad(
                        "tiny.png",
                        PhotoFixtures.pngBomb(),
                        HttpStatus.CONTENT_TOO_LARGE,
                        "“tiny.png” says it is 60000 × 60000 pixels"),
                new Bad(
                        "huge.jpg",
                        PhotoFixtures.oversized(11 * 1024 * 1024),
                        HttpStatus.CONTENT_TOO_LARGE,
                        "“huge.jpg” is larger than 10 MB"));
        long photosBefore = storedPhotos();
        String headline = "Refused " + UUID.randomUUID();

        for (Bad photo : bad) {
            // When each is sent with a good photo, to the API
            MultipartBodyBuilder api = new MultipartBodyBuilder();
            api.part("tip", TipJson.write(TipJson.with("headline", headline))).contentType(MediaType.APPLICATION_JSON);
            api.part("photos", PhotoFixtures.named("fine.jpg", PhotoFixtures.noisyJpeg(40, 30)))
                    .contentType(MediaType.IMAGE_JPEG);
            api.part("photos", PhotoFixtures.named(photo.name(), photo.bytes())).contentType(MediaType.IMAGE_JPEG);
            web.post()
                    .uri("/api/tips")
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .accept(MediaType.APPLICATION_JSON)
                    .bodyValue(api.build())
                    .exchange()
                    // Then it is refused with a problem naming the file
                    .expectStatus()
                    .isEqualTo(photo.status())
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(String.class, detail -> assertThat(detail).contains(photo.says()));

            // And from the form, which comes back with the message at the photo field and the text kept
            Map<String, String> fields = TipFormPosts.complete();
            fields.put("headline", headline);
            MultipartBodyBuilder form = TipFormPosts.multipart(fields);
            form.part("photos", PhotoFixtures.named(photo.name(), photo.bytes()))
                    .contentType(MediaType.IMAGE_JPEG);
            TipFormPosts.post(web, form)
                    .expectStatus()
                    .isEqualTo(photo.status())
                    .expectBody(String.class)
                    .value(page -> assertThat(page)
                            .contains("href=\"#photos\"", "id=\"photos-error\"", "value=\"" + headline + "\"")
                            .contains(photo.says().replace("“", "“").replace("×", "×"))
                            .doesNotContain("id=\"receipt\""));
        }

        // Then no photo was stored, not even the good ones, and no tip went out
        String marker = "After the refusals " + UUID.randomUUID();
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(TipJson.with("headline", marker)))
                .exchange()
                .expectStatus()
                .isAccepted();
        awaitHeadline(marker);
        assertThat(probe.records(Topics.TIPS_SUBMITTED).stream()
                        .filter(r -> r.value().contains(headline)))
                .isEmpty();
        assertThat(storedPhotos()).isEqualTo(photosBefore);
    }

    @Test
    void photosSmallOnTheWireButHugeOnceDecodedAreRefusedNamingTheFile() {
        // Given photos of a few kilobytes that say they are a strip of a hundred million pixels,
        // either way round, 9,000 × 9,000 pixels, or none at all
        record Bad(String name, byte[] bytes, HttpStatus status, String says) {}
        List<Bad> bad = List.of(
                new Bad(
                        "wide.png",
                        PhotoFixtures.pngClaiming(100_000_000, 1),
                        HttpStatus.BAD_REQUEST,
                        "“wide.png” says it is 100000000 × 1 pixels, a shape no photo has"),
                new Bad(
                        "tall.png",
                        PhotoFixtures.pngClaiming(1, 100_000_000),
                        HttpStatus.BAD_REQUEST,
                        "“tall.png” says it is 1 × 100000000 pixels, a shape no photo has"),
                new Bad(
                        "huge.jpg",
                        PhotoFixtures.jpegClaiming(9000, 9000),
                        HttpStatus.CONTENT_TOO_LARGE,
                        "“huge.jpg” says it is 9000 × 9000 pixels, more than the 50 megapixels we take"),
                new Bad(
                        "nothing.jpg",
                        PhotoFixtures.jpegClaiming(0, 0),
                        HttpStatus.BAD_REQUEST,
                        "“nothing.jpg” could not be read as a photo"));

        for (Bad photo : bad) {
            // When each is sent with a tip, to the API
            sendToApi(tipWithPhoto(photo.name(), photo.bytes()))
                    // Then it is refused with a problem naming the file and saying why
                    .expectStatus()
                    .isEqualTo(photo.status())
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(String.class, detail -> assertThat(detail).contains(photo.says()));

            // And from the form, which comes back with the message at the photo field
            MultipartBodyBuilder form = TipFormPosts.multipart(TipFormPosts.complete());
            form.part("photos", PhotoFixtures.named(photo.name(), photo.bytes()))
                    .contentType(MediaType.IMAGE_PNG);
            TipFormPosts.post(web, form)
                    .expectStatus()
                    .isEqualTo(photo.status())
                    .expectBody(String.class)
                    .value(page -> assertThat(page)
                            .contains("id=\"photos-error\"", photo.says())
                            .doesNotContain("id=\"receipt\""));
        }
    }

    @Test
    void whileEveryPhotoDecoderIsBusyATipWithPhotosIsAskedToComeAgainInAMoment() {
        // Given every photo decoder busy and every place in their queue taken
        try (BusyDecoders burst = new BusyDecoders(decoders)) {
            // When a tip with a photo is sent to the API
            sendToApi(tipWithPhoto("fire.jpg", PhotoFixtures.noisyJpeg(40, 30)))
                    // Then it is not accepted, and the client is told when to try again
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .value(
                            HttpHeaders.RETRY_AFTER,
                            seconds -> assertThat(seconds).matches("[1-9][0-9]*"))
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Tip not accepted")
                    .jsonPath("$.receipt")
                    .doesNotExist();

            // And the form comes back with everything the resident wrote, asking them to send it again in a moment
            Map<String, String> fields = TipFormPosts.complete();
            MultipartBodyBuilder form = TipFormPosts.multipart(fields);
            form.part("photos", PhotoFixtures.named("fire.jpg", PhotoFixtures.noisyJpeg(40, 30)))
                    .contentType(MediaType.IMAGE_JPEG);
            TipFormPosts.post(web, form)
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader()
                    .exists(HttpHeaders.RETRY_AFTER)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class)
                    .value(page -> assertThat(page)
                            .contains("please send it again in a moment", "value=\"" + fields.get("headline") + "\"")
                            .doesNotContain("id=\"receipt\""));

            // And a tip without photos is taken as usual
            web.post()
                    .uri("/api/tips")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(TipJson.write(TipJson.complete()))
                    .exchange()
                    .expectStatus()
                    .isAccepted();
        }

        // And once the decoders are free, a tip with a photo is taken again
        MultipartBodyBuilder again = tipWithPhoto("fire.jpg", PhotoFixtures.noisyJpeg(40, 30));
        await().atMost(PATIENCE)
                .untilAsserted(() -> sendToApi(again).expectStatus().isAccepted());
    }

    /** A complete tip for the API, with one photo. */
    private static MultipartBodyBuilder tipWithPhoto(String fileName, byte[] photo) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("tip", TipJson.write(TipJson.complete())).contentType(MediaType.APPLICATION_JSON);
        body.part("photos", PhotoFixtures.named(fileName, photo)).contentType(MediaType.IMAGE_JPEG);
        return body;
    }

    private WebTestClient.ResponseSpec sendToApi(MultipartBodyBuilder body) {
        return web.post()
                .uri("/api/tips")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(body.build())
                .exchange();
    }

    @Test
    void aRequestLargerThanAllPhotosMayBeIsRefusedBeforeItIsRead() {
        // Given three photos of 9 MB each: each within its limit, together over the tip's
        MultipartBodyBuilder api = new MultipartBodyBuilder();
        api.part("tip", TipJson.write(TipJson.complete())).contentType(MediaType.APPLICATION_JSON);
        for (int i = 1; i <= 3; i++) {
            api.part("photos", PhotoFixtures.named(i + ".jpg", PhotoFixtures.oversized(9 * 1024 * 1024)))
                    .contentType(MediaType.IMAGE_JPEG);
        }

        // When they are sent
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(api.build())
                .exchange()
                // Then the request is too large, and the problem says what a tip may carry
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody()
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> assertThat(detail).contains("A tip with its photos may be at most 25 MB"));
    }

    @Test
    void theSameFormWithItsPhotoSentTwiceStoresThePhotoOnce() {
        // Given a form with a photo and its one-time token
        String headline = "Roadworks on Nottingham Road " + UUID.randomUUID();
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("headline", headline);
        fields.put("formToken", TipFormPosts.formToken(web));
        byte[] photo = PhotoFixtures.sidewaysJpegWithSecrets();
        long photosBefore = storedPhotos();

        // When it is sent twice
        String first = TipFormPosts.receiptOn(send(fields, photo));
        String second = TipFormPosts.receiptOn(send(fields, photo));

        // Then it is one tip, with one photo stored
        assertThat(second).isEqualTo(first);
        assertThat(storedPhotos()).isEqualTo(photosBefore + 1);
    }

    @Test
    void theApiAnswersARepeatedRequestWithItsIdempotencyKeyOnceAndStoresItsPhotosOnce() {
        // Given a tip with a photo and an idempotency key
        String key = UUID.randomUUID().toString();
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("tip", TipJson.write(TipJson.with("headline", "Market stall fire " + key)))
                .contentType(MediaType.APPLICATION_JSON);
        body.part("photos", PhotoFixtures.named("fire.jpg", PhotoFixtures.sidewaysJpegWithSecrets()))
                .contentType(MediaType.IMAGE_JPEG);
        long photosBefore = storedPhotos();

        // When it is sent twice, as after a timeout
        String first = sendWithKey(body, key);
        String second = sendWithKey(body, key);

        // Then both answers carry the same receipt, and its photo was stored once
        assertThat(second).isEqualTo(first);
        assertThat(storedPhotos()).isEqualTo(photosBefore + 1);
    }

    @Test
    void aFormLargerThanAllPhotosMayBeComesBackAsAPage() {
        // Given a form with three photos of 9 MB each
        MultipartBodyBuilder form = TipFormPosts.multipart(TipFormPosts.complete());
        for (int i = 1; i <= 3; i++) {
            form.part("photos", PhotoFixtures.named(i + ".jpg", PhotoFixtures.oversized(9 * 1024 * 1024)))
                    .contentType(MediaType.IMAGE_JPEG);
        }

        // When it is sent
        // Then the answer is a page that says what to do
        TipFormPosts.post(web, form)
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .value(page -> assertThat(page)
                        .contains("Your tip is too large to send", "Please send fewer or smaller photos"));
    }

    private String sendWithKey(MultipartBodyBuilder body, String key) {
        return web.post()
                .uri("/api/tips")
                .header("Idempotency-Key", key)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(body.build())
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(new ParameterizedTypeReference<Map<String, String>>() {})
                .returnResult()
                .getResponseBody()
                .get("receipt");
    }

    private String send(Map<String, String> fields, byte[] photo) {
        MultipartBodyBuilder body = TipFormPosts.multipart(fields);
        body.part("photos", PhotoFixtures.named("roadworks.jpg", photo)).contentType(MediaType.IMAGE_JPEG);
        return TipFormPosts.post(web, body)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private long storedPhotos() {
        return Mono.from(mongo.getDatabase(mediaProperties.database())
                        .getCollection(mediaProperties.bucket() + ".files")
                        .countDocuments(new Document()))
                .block(PATIENCE);
    }

    private ConsumerRecord<String, String> awaitHeadline(String headline) {
        return await().atMost(PATIENCE)
                .until(
                        () -> probe.records(Topics.TIPS_SUBMITTED).stream()
                                .filter(record -> record.value().contains(headline))
                                .findFirst(),
                        Optional::isPresent)
                .get();
    }
}
