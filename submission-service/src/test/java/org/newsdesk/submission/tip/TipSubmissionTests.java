package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.receipt.ReceiptCode;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SubmissionIntegrationTest
class TipSubmissionTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String RECEIPT_FORMAT = "[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}";

    @Autowired
    WebTestClient web;

    @Autowired
    EmbeddedKafkaBroker broker;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void anAcceptedTipIsOnKafkaKeyedByItsIdAndItsReceiptSaysReceived() {
        // Given a resident's complete tip
        String tip = TipJson.write(TipJson.complete());

        // When they send it
        WebTestClient.ResponseSpec response = web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(tip)
                .exchange();

        // Then it is accepted with a receipt code and a place to look it up
        Map<String, String> accepted = response.expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(new ParameterizedTypeReference<Map<String, String>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(accepted).containsEntry("status", "RECEIVED").containsKeys("tipId", "receipt");
        String tipId = accepted.get("tipId");
        String receipt = accepted.get("receipt");
        assertThat(tipId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(receipt).matches(RECEIPT_FORMAT);
        response.expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/tips/" + receipt);

        // And the event is on Kafka, keyed by the tip id, under its logical type name and nothing Java
        ConsumerRecord<String, String> record = probe.awaitRecord(Topics.TIPS_SUBMITTED, tipId);
        assertThat(new String(record.headers().lastHeader("__TypeId__").value(), StandardCharsets.UTF_8))
                .isEqualTo(TipSubmitted.TYPE);
        record.headers()
                .forEach(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                        .doesNotContain("org.newsdesk")
                        .doesNotContain("java."));

        // And it carries the receipt's digest, never the receipt itself
        String digest = ReceiptCode.parse(receipt).orElseThrow().digest();
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("receiptDigest").asString()).isEqualTo(digest);
        assertThat(event.get("headline").asString())
                .isEqualTo(TipJson.complete().get("headline"));
        // and the contact details only sealed
        assertThat(event.get("contact").isNull()).isTrue();
        assertThat(event.get("sealedContact").get("email").asString()).isNotBlank();
        assertThat(record.value()).doesNotContain("angela@example.org");
        assertThat(record.value()).doesNotContain(receipt).doesNotContain(receipt.replace("-", ""));

        // And the receipt can be looked up at once, however the resident types it
        for (String typed : new String[] {
            receipt,
            receipt.toLowerCase(),
            receipt.replace("-", ""),
            receipt.replace("-", "").toLowerCase()
        }) {
            web.get()
                    .uri("/api/tips/{receipt}", typed)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("RECEIVED")
                    .jsonPath("$.receipt")
                    .isEqualTo(receipt)
                    .jsonPath("$.submittedAt")
                    .exists()
                    .jsonPath("$.storyUrl")
                    .doesNotExist()
                    .jsonPath("$.reason")
                    .doesNotExist();
        }
    }

    @Test
    void aClientThatCannotReadJsonIsRefusedBeforeTheTipIsSent() {
        // Given a tip that can be told apart from every other on the topic
        String headline = "Flooding on Station Road " + UUID.randomUUID();

        // When it is sent by a client that only accepts HTML
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_HTML)
                .bodyValue(TipJson.write(TipJson.with("headline", headline)))
                .exchange()
                // Then it is refused as not acceptable, on a page, the one thing it said it reads
                .expectStatus()
                .isEqualTo(HttpStatus.NOT_ACCEPTABLE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML);

        // And the tip never went to Kafka, as the resident got no receipt for it. Had the tip been sent,
        // it would be on the topic by now: any answer to a sent tip waits for Kafka's acknowledgement.
        // (the topic also carries the residents' withdrawals and erasures, which have no headline)
        List<String> headlinesOnKafka = probe.records(Topics.TIPS_SUBMITTED).stream()
                .filter(record -> TipSubmitted.TYPE.equals(
                        new String(record.headers().lastHeader("__TypeId__").value(), StandardCharsets.UTF_8)))
                .map(record -> JSON.readTree(record.value()).get("headline").asString())
                .toList();
        assertThat(headlinesOnKafka).doesNotContain(headline);
    }

    @Test
    void aTipNeedsOnlyAHeadlineAndABody() {
        // Given an anonymous tip whose optional inputs were left empty
        Map<String, Object> tip = Map.of(
                "headline",
                "Street lights out on Derby Road",
                "body",
                "Half the street lights between the station and the school have been out for a week.",
                "area",
                "",
                "name",
                "   ",
                "email",
                "",
                "phone",
                "");

        // When it is sent
        Map<String, String> accepted = web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(tip))
                .exchange()
                // Then it is accepted
                .expectStatus()
                .isAccepted()
                .expectBody(new ParameterizedTypeReference<Map<String, String>>() {})
                .returnResult()
                .getResponseBody();

        // And the event says the resident stayed anonymous
        ConsumerRecord<String, String> record = probe.awaitRecord(Topics.TIPS_SUBMITTED, accepted.get("tipId"));
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("contact").isNull()).isTrue();
        assertThat(event.get("sealedContact").isNull()).isTrue();
        assertThat(event.get("area").isNull()).isTrue();
    }
}
