package org.newsdesk.web.example;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsdesk.web.paging.PageCursor;
import org.newsdesk.web.paging.PageLimit;
import org.newsdesk.web.paging.PageLimits;
import org.newsdesk.web.paging.PagePosition;
import org.newsdesk.web.problem.ProblemException;
import org.newsdesk.web.problem.ProblemWriter;
import org.newsdesk.web.problem.RequestTooLargeException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one problem vocabulary as a client meets it, over a real server: every mistake a client can
 * make is a 4xx problem detail that says what was wrong, in the same words whichever service and
 * whichever way the request was read; nothing the client did is a 500.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ProblemVocabularyTests.ExampleApplication.class)
class ProblemVocabularyTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    ProblemWriter writer;

    @Test
    void aQueryObjectNamesItsBadParametersInOneWording() throws Exception {
        // Values that cannot even be read are answered first, all of them at once; a query that
        // could be read is then validated as a whole.
        Answer unreadable = get("/things?limit=abc&cursor=bm90LW91cnM&since=yesterday");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.problem()).containsEntry("title", "Invalid request");
        assertThat(unreadable.errors())
                .containsExactly(
                        Map.of("field", "cursor", "message", PageCursor.NOT_OURS),
                        Map.of("field", "since", "message", "must be a date, like 2024-05-31"));

        for (String limit : List.of("abc", "0", "51", "-1", "1.5", "99999999999")) {
            assertThat(get("/things?limit=" + limit).errors())
                    .as(limit)
                    .containsExactly(Map.of("field", "limit", "message", "must be a whole number from 1 to 50"));
        }
    }

    @Test
    void fieldNamesTheBinderCannotReadAreRefusedByName() throws Exception {
        for (String name : List.of("photos%5Bx%5D.id", "photos%5B", "photos%5B99999%5D.id")) {
            Answer answer = get("/things?" + name + "=1");
            assertThat(answer.status()).as(name).isEqualTo(400);
            assertThat(answer.errors())
                    .as(name)
                    .singleElement()
                    .satisfies(error ->
                            assertThat(error).containsEntry("message", "is not a field name this service reads"));
        }
    }

    @Test
    void aCursorIsOneTokenNeverItsParts() throws Exception {
        Answer answer = get("/things?cursor.id=x");

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void validParametersAndEmptyOnesAreTheFirstPage() throws Exception {
        String cursor = new Position(Instant.ofEpochMilli(1_700_000_000_000L), "tip:1").cursor();

        Answer first = get("/things?limit=&cursor=");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.problem()).containsEntry("limit", 20).containsEntry("after", null);
        assertThat(get("/things?limit=7&cursor=" + cursor).problem())
                .containsEntry("limit", 7)
                .containsEntry("after", "tip:1");
    }

    @Test
    void aJsonBodyIsValidatedWithEveryFieldNamed() throws Exception {
        Answer answer = postJson("/notes", "{\"title\":\" \",\"text\":\"" + "x".repeat(30) + "\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errors())
                .containsExactly(
                        Map.of("field", "text", "message", "must be at most 20 characters"),
                        Map.of("field", "title", "message", "is required"));
        assertThat((String) answer.problem().get("detail"))
                .isEqualTo("text must be at most 20 characters; title is required");
    }

    @Test
    void unreadableJsonSaysWhatAndWhereWithoutNamingOurTypes() throws Exception {
        Answer broken = postJson("/notes", "{\"title\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat((String) broken.problem().get("detail")).startsWith("The request body is not valid JSON (line 1");

        Answer wrongType = postJson("/notes", "{\"title\": \"a\", \"day\": \"not a day\"}");
        assertThat(wrongType.errors())
                .containsExactly(Map.of("field", "day", "message", "must be a date, like 2024-05-31"));

        Answer notAnObject = postJson("/notes", "[1, 2]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.body()).doesNotContain("org.newsdesk", "java.", "tools.jackson");
    }

    @Test
    void jsonIsReadStrictly() throws Exception {
        Answer trailing = postJson("/notes", "{\"title\": \"a\"} trailing");
        assertThat(trailing.status()).isEqualTo(400);

        Answer duplicate = postJson("/notes", "{\"title\": \"a\", \"title\": \"b\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat((String) duplicate.problem().get("detail")).startsWith("The request body is not valid JSON");

        // C0 AF is an overlong "/": the JDK's decoder refuses it, as every UTF-8 reader should.
        byte[] overlong = "{\"title\": \"..\u0000..\"}".getBytes(StandardCharsets.UTF_8);
        overlong[13] = (byte) 0xC0;
        byte[] withSecondByte = new byte[overlong.length + 1];
        System.arraycopy(overlong, 0, withSecondByte, 0, 14);
        withSecondByte[14] = (byte) 0xAF;
        System.arraycopy(overlong, 14, withSecondByte, 15, overlong.length - 14);
        Answer sneaky = send(HttpRequest.newBuilder(uri("/notes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(withSecondByte))
                .build());
        assertThat(sneaky.status()).isEqualTo(400);
        assertThat((String) sneaky.problem().get("detail")).isEqualTo("The request body is not valid UTF-8 text.");

        assertThat(postJson("/notes", "{\"title\": \"caf\u00e9 \uD83D\uDCF0\"}").status())
                .isEqualTo(200);
    }

    @Test
    void malformedFormsAndMultipartBodiesAreTheClientsMistake() throws Exception {
        Answer badEscape = send(HttpRequest.newBuilder(uri("/form"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=%ZZ"))
                .build());
        assertThat(badEscape.status()).isEqualTo(400);
        assertThat((String) badEscape.problem().get("title")).isEqualTo("Unreadable request");

        for (String contentType : List.of(
                "multipart/form-data", "multipart/form-data; boundary=x", "multipart/form-data; boundary=\"a\\\"b\"")) {
            Answer multipart = send(HttpRequest.newBuilder(uri("/upload"))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString("--y\r\nnot what it says\r\n"))
                    .build());
            assertThat(multipart.status()).as(contentType).isEqualTo(400);
            assertThat((String) multipart.problem().get("detail"))
                    .as(contentType)
                    .isEqualTo("The request body is not well-formed multipart/form-data (RFC 7578).");
        }
    }

    @Test
    void problemsThrownByCodeAreAnsweredAsTheyAre() throws Exception {
        Answer answer = get("/claimed");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.problem())
                .containsEntry("title", "Tip claimed")
                .containsEntry("holder", "sam")
                .containsEntry("instance", "/claimed");
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aBugIsA500WithoutItsMessage() throws Exception {
        Answer answer = get("/broken");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.problem()).containsEntry("detail", "Something went wrong on our side.");
        assertThat(answer.body()).doesNotContain("secret@example.org");
    }

    @Test
    void failuresOutsideControllersAreProblemDetailsToo() throws Exception {
        Answer refused = get("/refused-by-filter");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problem()).containsEntry("title", "Slow down");

        Answer thrown = get("/thrown-by-filter");
        assertThat(thrown.status()).isEqualTo(413);
        assertThat(thrown.problem()).containsEntry("detail", "Notes may be at most 1 KB.");

        Answer nowhere = get("/nowhere");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // "//" is a path but no URI: Spring would fail to name it as the problem's instance
        for (String path : List.of("//", "//x", "/things//x")) {
            Answer doubled = get(path);
            assertThat(doubled.status()).as(path).isEqualTo(404);
            assertThat(doubled.problem()).as(path).containsKey("instance");
        }
    }

    private Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private Answer postJson(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    record Answer(int status, java.net.http.HttpHeaders headers, String body) {

        @SuppressWarnings("unchecked")
        Map<String, Object> problem() {
            return JSON.readValue(body, Map.class);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors() {
            return (List<Map<String, Object>>) problem().get("errors");
        }
    }

    /** A place in a list of things, as the services' positions are. */
    record Position(Instant at, String id) implements PagePosition {

        public static Position valueOf(String cursor) {
            return PageCursor.read(
                    cursor,
                    "t1",
                    2,
                    fields -> new Position(Instant.ofEpochMilli(Long.parseLong(fields.get(0))), fields.get(1)));
        }

        @Override
        public String cursor() {
            return PageCursor.encode("t1", at.toEpochMilli(), id);
        }
    }

    record ThingsQuery(@PageLimit(max = 50) String limit, Position cursor, LocalDate since) {}

    record ThingsPage(int limit, String after) {}

    record Note(
            @NotBlank(message = "is required") String title,

            @Size(max = 20, message = "must be at most {max} characters")
            String text,

            LocalDate day) {}

    @SpringBootApplication
    static class ExampleApplication {

        @Bean
        WebFilter exampleFilters(ProblemWriter writer) {
            return (exchange, chain) -> switch (exchange.getRequest().getPath().value()) {
                case "/refused-by-filter" ->
                    writer.write(
                            exchange, ProblemException.of(HttpStatus.TOO_MANY_REQUESTS, "Slow down", "Wait a minute."));
                case "/thrown-by-filter" -> Mono.error(new RequestTooLargeException("Notes may be at most 1 KB."));
                default -> chain.filter(exchange);
            };
        }

        @RestController
        static class ExampleController {

            @GetMapping("/things")
            ThingsPage things(@Valid ThingsQuery query) {
                return new ThingsPage(
                        PageLimits.orDefault(query.limit(), 20),
                        query.cursor() == null ? null : query.cursor().id());
            }

            @PostMapping(path = "/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
            Note note(@Valid @RequestBody Note note) {
                return note;
            }

            @PostMapping("/form")
            Mono<String> form(ServerWebExchange exchange) {
                return exchange.getFormData().map(form -> String.valueOf(form.getFirst("code")));
            }

            @PostMapping("/upload")
            Mono<String> upload(ServerWebExchange exchange) {
                return exchange.getMultipartData().map(MultiValueMap<String, Part>::toString);
            }

            @GetMapping("/claimed")
            Mono<String> claimed() {
                return Mono.error(ProblemException.of(HttpStatus.CONFLICT, "Tip claimed", "Sam is working on it.")
                        .with("holder", "sam")
                        .retryAfter(Duration.ofMillis(2500)));
            }

            @GetMapping("/broken")
            Mono<String> broken() {
                return Mono.error(new IllegalStateException("could not store secret@example.org"));
            }
        }
    }
}
