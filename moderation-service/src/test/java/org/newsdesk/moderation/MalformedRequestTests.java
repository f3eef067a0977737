package org.newsdesk.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsdesk.events.TipSubmitted;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requests a client got wrong, sent to every part of the service that reads one: each is a 4xx
 * problem detail that says what was wrong, never a 500 and never Spring's own error page.
 */
@ModerationIntegrationTest
class MalformedRequestTests {

    private static final ParameterizedTypeReference<Map<String, Object>> PROBLEM =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT =
            new ParameterizedTypeReference<>() {};

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @LocalServerPort
    int port;

    /** For what WebTestClient will not send: header values that are no media type. */
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ModerationTestClient moderation;
    PageSession session;

    @BeforeEach
    void signIn() {
        moderation = new ModerationTestClient(web, kafka);
        session = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
    }

    @Test
    void aHugeFormToTheTipPageIsTooLargeNotAServerError() throws Exception {
        // Given a tip a moderator opened
        TipSubmitted tip = openedTip();

        // When the decision form arrives with 300 KB in it, its token and all
        String form = "_csrf=" + session.csrf() + "&outcome=HELD&note=" + "n".repeat(300 * 1024);
        Map<String, Object> problem = session.post(web, "/tips/{id}/decision", tip.tipId())
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(form)
                .exchange()
                // Then it is refused as too large, in problem details
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(PROBLEM)
                .returnResult()
                .getResponseBody();
        assertThat(problem).containsEntry("status", 413);

        // And the tip still waits
        assertThat(moderation.queuedTipIds()).contains(tip.tipId());
    }

    @Test
    void aHugeSignInFormIsTooLarge() {
        PageSession anonymous = PageSession.anonymous(web);

        anonymous
                .post(web, "/login")
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue("_csrf=" + anonymous.csrf() + "&username=moderator&password=" + "p".repeat(300 * 1024))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aHugeJsonDecisionIsTooLarge() {
        moderation
                .decide(TestTips.newTipId(), "{\"outcome\":\"HELD\",\"note\":\"" + "n".repeat(300 * 1024) + "\"}")
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"photos[x].id", "photos[.id", "photos[", "photos[99999].id", "photos[].id", "photos[0]["})
    void formFieldNamesTheFormCannotHaveAreA400(String name) throws Exception {
        // Given a tip a moderator opened
        TipSubmitted tip = openedTip();

        // When its form arrives with a field whose name the form cannot have
        session.post(web, "/tips/{id}/decision", tip.tipId())
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue("_csrf=" + session.csrf() + "&outcome=APPROVED&" + name + "=x")
                .exchange()
                // Then it is refused, naming the field
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(name);
        assertThat(moderation.queuedTipIds()).contains(tip.tipId());
    }

    @Test
    void aFormWithoutItsTokenIsA403Problem() throws Exception {
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);

        session.post(web, "/tips/{id}/decision", tip.tipId())
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue("outcome=APPROVED")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("token"));
        assertThat(moderation.queuedTipIds()).contains(tip.tipId());
    }

    @Test
    void theDecisionFormTakesOnlyAForm() throws Exception {
        TipSubmitted tip = openedTip();

        web.post()
                .uri("/tips/{id}/decision", tip.tipId())
                .cookie(PageSession.COOKIE, session.cookie())
                .header("X-CSRF-TOKEN", session.csrf())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .header(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=b")
                .bodyValue("--b\r\nContent-Disposition: form-data; name=\"outcome\"\r\n\r\nAPPROVED\r\n--b--\r\n")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(moderation.queuedTipIds()).contains(tip.tipId());
    }

    @Test
    void aFormInACharsetNobodyKnowsIsA4xx() throws Exception {
        TipSubmitted tip = openedTip();

        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/tips/" + tip.tipId() + "/decision"))
                .header(HttpHeaders.COOKIE, PageSession.COOKIE + "=" + session.cookie())
                .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=no-such-charset")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + session.csrf() + "&outcome=APPROVED")));

        assertThat(answer.statusCode()).isBetween(400, 499);
        assertThat(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
        assertThat(moderation.queuedTipIds()).contains(tip.tipId());
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/json; charset=no-such-charset", "not a media type", "application/"})
    void jsonUnderAContentTypeNobodyKnowsIsA4xx(String contentType) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/tips/" + TestTips.newTipId() + "/decision"))
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Basic "
                                + HttpHeaders.encodeBasicAuth(
                                        ModerationIntegrationTest.MODERATOR,
                                        ModerationIntegrationTest.MODERATOR_PASSWORD,
                                        null))
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"APPROVED\"}")));

        assertThat(answer.statusCode()).isBetween(400, 499);
        assertThat(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
    }

    @Test
    void anAcceptThatIsNoMediaTypeIsA4xx() {
        web.get()
                .uri("/api/queue")
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .header(HttpHeaders.ACCEPT, "not/a/media/type;;")
                .exchange()
                .expectStatus()
                .is4xxClientError();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"outcome\":\"APPROVED\",\"photos\":\"all\"}",
                "{\"outcome\":\"APPROVED\",\"photos\":[7]}",
                "{\"outcome\":\"APPROVED\",\"headline\":[\"a\"]}",
                "{\"outcome\":\"APPROVED\",\"photos\":[{\"id\":{}}]}",
                "[{\"outcome\":\"APPROVED\"}]",
                "\"APPROVED\""
            })
    void jsonOfTheWrongShapeIsA400(String json) {
        moderation
                .decide(TestTips.newTipId(), json)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aQueryParameterGivenTwiceIsA400() {
        web.get()
                .uri("/api/queue?limit=1&limit=2")
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("limit");
    }

    @Test
    void aPhotoListWithAHoleIsA400NamingTheHole() {
        moderation
                .decide(TestTips.newTipId(), "{\"outcome\":\"APPROVED\",\"photos\":[null]}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photos[0]")
                .jsonPath("$.errors[0].message")
                .isEqualTo("is required");
    }

    @Test
    void aCursorSpelledOutInPartsIsA400NotANullPosition() {
        for (String uri : List.of("/api/queue?cursor.tipId=x", "/api/queue?cursor.submittedAt=2024-01-01T00:00:00Z")) {
            web.get()
                    .uri(uri)
                    .headers(headers -> headers.setBasicAuth(
                            ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .value(field -> assertThat((String) field).startsWith("cursor."));
        }
        session.get(web, "/queue?cursor.tipId=x").exchange().expectStatus().isBadRequest();
    }

    @Test
    void theQueuePageRefusesAQueryItNeverMadeAsTheApiDoes() {
        for (String query : List.of("cursor=bm90LWEtY3Vyc29y", "limit=0", "area=" + "a".repeat(201))) {
            session.get(web, "/queue?" + query)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Invalid request");
        }
    }

    @Test
    void oddTipIdsAreUnknownTips() {
        for (String tipId : List.of("%00", "a".repeat(4_000), "..%2F..%2Fqueue", "%7Bx%7D", "$where")) {
            web.get()
                    .uri("/api/tips/" + tipId)
                    .headers(headers -> headers.setBasicAuth(
                            ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                    .exchange()
                    .expectStatus()
                    .is4xxClientError();
            session.get(web, "/tips/" + tipId).exchange().expectStatus().is4xxClientError();
            session.post(web, "/tips/" + tipId + "/claim")
                    .bodyValue("_csrf=" + session.csrf())
                    .exchange()
                    .expectStatus()
                    .is4xxClientError();
        }
    }

    @Test
    void anAddressTheFirewallRefusesIsAProblemToo() {
        for (String tipId : List.of("%00", "..%2F..%2Fqueue", "%2e%2e", "%2F")) {
            web.get()
                    .uri(URI.create("http://localhost:" + port + "/api/tips/" + tipId))
                    .headers(headers -> headers.setBasicAuth(
                            ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Address refused");
        }
    }

    @Test
    void hugeHeadersAndAddressesAreRefusedBeforeTheService() {
        web.get()
                .uri("/api/queue")
                .header("X-Padding", "p".repeat(20_000))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        web.get()
                .uri("/api/queue?area=" + "a".repeat(20_000))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.URI_TOO_LONG);
    }

    @Test
    void anUnreadableLastEventIdStartsTheLiveQueueFromNow() {
        ServerSentEvent<String> first = session.get(web, "/queue/events")
                .header("Last-Event-ID", "99999999999999999999999")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(EVENT)
                .getResponseBody()
                .blockFirst(ModerationTestClient.PATIENCE);
        assertThat(first.event()).isEqualTo("ready");
    }

    private TipSubmitted openedTip() throws Exception {
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        session.get(web, "/tips/{id}", tip.tipId()).exchange().expectStatus().isOk();
        return tip;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
