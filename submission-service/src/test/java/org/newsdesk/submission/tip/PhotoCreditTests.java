package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipEvents;
import org.newsdesk.submission.TipFormPosts;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.photo.PhotoFixtures;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who took each photo: a name travels with its photo (the reference's credit) only when the
 * resident says it may be printed; otherwise it is stored nowhere and the photo is a reader's.
 */
@SubmissionIntegrationTest
class PhotoCreditTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ReactiveMongoOperations mongo;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void eachPhotoOfTheFormCarriesItsOwnCreditOnlyWithLeave() {
        // Given a form with photos in the first and third slots, the second left empty:
        // the first taken by someone who may be named, the third by someone who may not
        String headline = "Swans on the canal at Sandiacre " + UUID.randomUUID();
        String withheld = "Withheld Photographer " + UUID.randomUUID();
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("headline", headline);
        fields.put("photoCredits[0].takenBy", "Sam Jones");
        fields.put("photoCredits[0].publishName", "yes");
        fields.put("photoCredits[1].takenBy", "Nobody's Photo");
        fields.put("photoCredits[1].publishName", "yes");
        fields.put("photoCredits[2].takenBy", withheld);
        fields.put("photoCredits[2].publishName", "no");
        MultipartBodyBuilder body = TipFormPosts.multipart(fields);
        body.part("photos[0]", PhotoFixtures.named("swans.jpg", PhotoFixtures.noisyJpeg(60, 40)))
                .contentType(MediaType.IMAGE_JPEG);
        TipFormPosts.emptyPhotoInput(body, "photos[1]");
        body.part("photos[2]", PhotoFixtures.named("cygnets.jpg", PhotoFixtures.noisyJpeg(50, 40)))
                .contentType(MediaType.IMAGE_JPEG);
        // (the last two slots left out, as a browser may leave out an empty file input)

        // When it is sent
        String page = TipFormPosts.post(web, body)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then the tip's two photos are credited: the first to Sam Jones, the second to a reader
        assertThat(TipFormPosts.receiptOn(page)).isNotNull();
        ConsumerRecord<String, String> record = TipEvents.awaitHeadline(probe, headline);
        JsonNode photos = JSON.readTree(record.value()).get("photos");
        assertThat(photos.size()).isEqualTo(2);
        assertThat(photos.get(0).get("credit").asString()).isEqualTo("Sam Jones");
        assertThat(photos.get(1).get("credit").isNull()).isTrue();
        // And the name given without leave, and the one beside an empty slot, are nowhere: not on the topic
        assertThat(record.value()).doesNotContain(withheld, "Nobody's Photo");
        // nor in any collection of the service's database
        assertThat(everyDocument()).noneMatch(json -> json.contains(withheld) || json.contains("Nobody's Photo"));
    }

    @Test
    void theApiTakesACreditPerPhotoInTheOrderOfThePhotos() {
        // Given a tip with two photos, the first credited with leave, the second named without it
        String headline = "Bluebells in Shipley Park " + UUID.randomUUID();
        Map<String, Object> tip = TipJson.with("headline", headline);
        tip.put(
                "photoCredits",
                List.of(
                        Map.of("takenBy", "Priya Shah", "publishName", true),
                        Map.of("takenBy", "Not For Print", "publishName", false)));
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("tip", TipJson.write(tip)).contentType(MediaType.APPLICATION_JSON);
        body.part("photos", PhotoFixtures.named("bluebells.jpg", PhotoFixtures.noisyJpeg(60, 40)))
                .contentType(MediaType.IMAGE_JPEG);
        body.part("photos", PhotoFixtures.named("path.png", PhotoFixtures.noisyPng(40, 30)))
                .contentType(MediaType.IMAGE_PNG);

        // When it is sent, then it is accepted
        sendToApi(body).expectStatus().isAccepted();

        // And each reference carries its own credit, the one without leave none
        ConsumerRecord<String, String> record = TipEvents.awaitHeadline(probe, headline);
        JsonNode photos = JSON.readTree(record.value()).get("photos");
        assertThat(photos.get(0).get("credit").asString()).isEqualTo("Priya Shah");
        assertThat(photos.get(1).get("credit").isNull()).isTrue();
        assertThat(record.value()).doesNotContain("Not For Print");
    }

    @Test
    void moreCreditsThanPhotosAreRefusedNamingTheField() {
        // Given a tip with one photo and two credits
        Map<String, Object> tip = TipJson.complete();
        tip.put(
                "photoCredits",
                List.of(Map.of("takenBy", "One", "publishName", true), Map.of("takenBy", "Two", "publishName", true)));
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("tip", TipJson.write(tip)).contentType(MediaType.APPLICATION_JSON);
        body.part("photos", PhotoFixtures.named("one.jpg", PhotoFixtures.noisyJpeg(40, 30)))
                .contentType(MediaType.IMAGE_JPEG);

        // When it is sent, then it is a 400 naming photoCredits
        sendToApi(body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photoCredits")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be at most one per photo: 1 sent");

        // And credits sent as JSON alone, without any photo, are refused the same way
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(tip))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photoCredits");
    }

    @Test
    void aNameTooLongForAPhotoComesBackBesideItsSlot() {
        // Given a form naming a photo's taker at 101 characters
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("photoCredits[1].takenBy", "n".repeat(101));
        fields.put("photoCredits[1].publishName", "yes");

        // When it is sent
        String page = TipFormPosts.post(web, TipFormPosts.multipart(fields))
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then the summary links to that slot's field, which says what is wrong and keeps the words and the choice
        assertThat(page)
                .contains(
                        "href=\"#photoCredits[1].takenBy\">Who took the photo must be at most 100 characters<",
                        "value=\"" + "n".repeat(101) + "\"")
                .containsPattern("id=\"photoCredits\\[1\\]\\.takenBy\"[^>]*aria-invalid=\"true\"")
                .containsPattern("id=\"photoCredits\\[1\\]\\.publishName\"[^>]*checked")
                // and the slot is shown open, as the resident left it
                .containsPattern("<details class=\"more-photos\" open");
    }

    private WebTestClient.ResponseSpec sendToApi(MultipartBodyBuilder body) {
        return web.post()
                .uri("/api/tips")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(body.build())
                .exchange();
    }

    private List<String> everyDocument() {
        return mongo.getCollectionNames()
                .flatMap(name -> mongo.findAll(Document.class, name))
                .map(Document::toJson)
                .collectList()
                .block(PATIENCE);
    }
}
