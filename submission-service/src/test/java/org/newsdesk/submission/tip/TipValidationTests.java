package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** Whatever a client gets wrong is a 4xx with problem details, never a 5xx. */
@SubmissionIntegrationTest
class TipValidationTests {

    @Autowired
    WebTestClient web;

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of(TipJson.without("headline"), "headline", "is required"),
                Arguments.of(TipJson.with("headline", null), "headline", "is required"),
                Arguments.of(TipJson.with("headline", "  \t "), "headline", "is required"),
                Arguments.of(TipJson.with("headline", "h".repeat(201)), "headline", "at most 200"),
                Arguments.of(TipJson.without("body"), "body", "is required"),
                Arguments.of(TipJson.with("body", "\n\n"), "body", "is required"),
                Arguments.of(TipJson.with("body", "b".repeat(20_001)), "body", "at most 20000"),
                Arguments.of(TipJson.with("area", "a".repeat(101)), "area", "at most 100"),
                Arguments.of(TipJson.with("category", "c".repeat(101)), "category", "at most 100"),
                Arguments.of(TipJson.with("name", "n".repeat(101)), "name", "at most 100"),
                Arguments.of(TipJson.with("email", "angela at example dot org"), "email", "email address"),
                Arguments.of(TipJson.with("email", "angela@localhost"), "email", "email address"),
                Arguments.of(
                        TipJson.with(
                                "email",
                                "a".repeat(64) + "@" + (("b".repeat(60) + ".").repeat(3)) + "c".repeat(10) + ".org"),
                        "email",
                        "at most 254"),
                Arguments.of(TipJson.with("phone", "call me maybe"), "phone", "phone number"),
                Arguments.of(TipJson.with("phone", "1".repeat(41)), "phone", "at most 40"),
                Arguments.of(TipJson.with("happenedOn", "2030-01-01"), "happenedOn", "today or in the past"),
                Arguments.of(
                        TipJson.with("photoCredits", List.of(Map.of("takenBy", "n".repeat(101), "publishName", true))),
                        "photoCredits[0].takenBy",
                        "at most 100"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidFields")
    void anInvalidFieldIsNamedWithWhatIsWrong(Map<String, Object> tip, String field, String message) {
        // Given a tip with one bad field
        // When it is sent
        post(MediaType.APPLICATION_JSON, TipJson.write(tip))
                // Then the answer is a problem naming that field and what is wrong with it
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.errors.length()")
                .isEqualTo(1)
                .jsonPath("$.errors[0].field")
                .isEqualTo(field)
                .jsonPath("$.errors[0].message")
                .value(String.class, actual -> assertThat(actual).contains(message));
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        // Given a tip with nothing right about it
        String tip = TipJson.write(Map.of("headline", "", "email", "nobody", "phone", "?"));

        // When it is sent
        post(MediaType.APPLICATION_JSON, tip)
                // Then all of its problems are listed together
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(
                        List.class,
                        fields -> assertThat(fields).containsExactlyInAnyOrder("body", "email", "headline", "phone"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"headline\": \"Unclosed",
                "not json at all",
                "[]",
                "\"a string\"",
                "{\"headline\": {\"nested\": true}, \"body\": \"x\"}",
                "{\"headline\": \"x\", \"body\": 42 42}"
            })
    void malformedJsonIsABadRequest(String json) {
        // Given a body that is not a JSON tip
        // When it is sent
        post(MediaType.APPLICATION_JSON, json)
                // Then it is a bad request, not a server error
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> assertThat(detail)
                                .isNotBlank()
                                .doesNotContain("java.", "tools.jackson", "org.newsdesk"));
    }

    @Test
    void aMissingBodyIsABadRequest() {
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedAsTooLarge() {
        // Given a tip of more than 64 KiB that says how long it is
        String tip = TipJson.write(TipJson.with("body", "x".repeat(70_000)));

        // When it is sent
        post(MediaType.APPLICATION_JSON, tip)
                // Then it is refused as too large
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(413)
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("at most 64 KB"));
    }

    @Test
    void aStreamedBodyLargerThanTheLimitIsRefusedAsTooLarge() {
        // Given a tip of more than 64 KiB in chunks, without a length up front
        byte[] tip = TipJson.write(TipJson.with("body", "x".repeat(200_000))).getBytes(StandardCharsets.UTF_8);
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> chunks = Flux.range(0, (tip.length + 8191) / 8192)
                .map(i -> buffers.wrap(Arrays.copyOfRange(tip, i * 8192, Math.min(tip.length, (i + 1) * 8192))));

        // When it is streamed
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunks, DataBuffer.class)
                .exchange()
                // Then it is refused as too large too
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        // Given a tip sent as a plain text or a form
        // When it is sent
        // Then it is refused for its type
        post(MediaType.TEXT_PLAIN, "Street lights are out on Derby Road")
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(415);
        post(MediaType.APPLICATION_FORM_URLENCODED, "headline=Lights&body=Out")
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "K7Q2-M9XD-4HRT-PW3C",
                "k7q2m9xd4hrtpw3c",
                "hello",
                "K7Q2-M9XD-4HRT-PW3",
                "UUUU-UUUU-UUUU-UUUU",
                "%20",
                "K7Q2-M9XD-4HRT-PW3C-K7Q2-M9XD-4HRT-PW3C-K7Q2-M9XD-4HRT-PW3C-K7Q2-M9XD-4HRT-PW3C"
            })
    void anUnknownOrMalformedReceiptIsNotFound(String receipt) {
        // Given a receipt code nobody was given, or that cannot even be one
        // When it is looked up
        web.get()
                .uri("/api/tips/{receipt}", receipt)
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                // Then the answer is the same 404 problem either way
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.title")
                .isEqualTo("Unknown receipt");
    }

    private WebTestClient.ResponseSpec post(MediaType type, String body) {
        return web.post()
                .uri("/api/tips")
                .contentType(type)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
