package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.receipt.ReceiptCode;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A resident's app that sends a tip again with the same Idempotency-Key gets the first answer, not a second tip. */
@SubmissionIntegrationTest
class IdempotencyKeyTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    WebTestClient web;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void theSameTipSentAgainWithItsKeyGetsTheFirstAnswerAndStaysOneTip() throws Exception {
        // Given a tip accepted under a key
        String key = UUID.randomUUID().toString();
        String tip = TipJson.write(TipJson.complete());
        Map<String, Object> first = send(key, tip, HttpStatus.ACCEPTED);

        // When the app sends it again, as after a lost answer, and once more at the same time twice
        Map<String, Object> again = send(key, tip, HttpStatus.ACCEPTED);
        // (from threads of the test's own: a blocking client on Reactor's shared boundedElastic() can
        // hold a worker the service under test schedules its own work on)
        List<Map<String, Object>> racing = new ArrayList<>();
        ExecutorService app = Executors.newFixedThreadPool(2);
        try {
            Callable<Map<String, Object>> resend = () -> send(key, tip, HttpStatus.ACCEPTED);
            for (Future<Map<String, Object>> answer : app.invokeAll(List.of(resend, resend), 30, TimeUnit.SECONDS)) {
                racing.add(answer.get());
            }
        } finally {
            app.shutdownNow();
        }

        // Then every answer names the same tip and receipt, and the newsroom gets the tip once
        assertThat(again).containsEntry("tipId", first.get("tipId")).containsEntry("receipt", first.get("receipt"));
        assertThat(racing)
                .allSatisfy(answer -> assertThat(answer)
                        .containsEntry("tipId", first.get("tipId"))
                        .containsEntry("receipt", first.get("receipt")));
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString());
        assertThat(probe.awaitRecord(Topics.TIPS_SUBMITTED, (String) first.get("tipId")))
                .isNotNull();
        assertThat(probe.records(Topics.TIPS_SUBMITTED, (String) first.get("tipId")))
                .hasSize(1);
    }

    @Test
    void aDifferentTipUnderAUsedKeyIsRefused() {
        // Given a tip accepted under a key
        String key = UUID.randomUUID().toString();
        send(key, TipJson.write(TipJson.complete()), HttpStatus.ACCEPTED);

        // When another tip comes with the same key
        Map<String, Object> problem = send(
                key,
                TipJson.write(TipJson.with("headline", "A different tip altogether")),
                HttpStatus.UNPROCESSABLE_CONTENT);

        // Then it is refused, saying why
        assertThat(problem).containsEntry("title", "Idempotency-Key reused").doesNotContainKey("receipt");
    }

    @Test
    void aKeyThatCannotBeOneIsABadRequest() {
        Map<String, Object> problem = send("short", TipJson.write(TipJson.complete()), HttpStatus.BAD_REQUEST);

        assertThat(problem)
                .containsEntry("title", "Invalid request")
                .containsEntry(
                        "errors",
                        List.of(Map.of(
                                "field",
                                "Idempotency-Key",
                                "message",
                                "must be 8 to 255 visible ASCII characters, such as a UUID")));
    }

    @Test
    void aKeyIsFoundByTheSameDigestAsBeforeAndOpensOnlyItsOwnReceipt() {
        // Given a key, and a receipt sealed with it
        IdempotencyKey key = IdempotencyKey.fromHeader("3f2b8c1e-9a4d-4e7f-b1c2-5d6e7f8a9b0c");
        ReceiptCode receipt = ReceiptCode.generate();
        String sealed = key.seal(receipt);

        // Then the store finds it by SHA-256 of the key, as it found keys sent before
        assertThat(key.digest()).isEqualTo("1252a027f1ba0d4ef19e43fd21076ffdb995970d9eb8564ed904cd9898f23488");
        // And the key opens its receipt, and another key does not
        assertThat(key.unseal(sealed)).isEqualTo(receipt);
        assertThatThrownBy(
                        () -> IdempotencyKey.fromHeader("another-key-entirely").unseal(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    private Map<String, Object> send(String key, String tip, HttpStatus expected) {
        return web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header(IdempotencyKey.HEADER, key)
                .bodyValue(tip)
                .exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
