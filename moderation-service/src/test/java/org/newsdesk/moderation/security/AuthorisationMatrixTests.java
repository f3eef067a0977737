package org.newsdesk.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.moderation.TestTips;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint and page of the service, against no credentials, a wrong password and a moderator.
 * The table is checked against the handler mappings the application really has: an endpoint added
 * without a row here fails this test until someone decides who may call it.
 */
@ModerationIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationMatrixTests {

    /** API endpoints take HTTP Basic only; pages take a session only, and a form post also its CSRF token. */
    enum Kind {
        API,
        PAGE,
        OPEN_PAGE
    }

    record Endpoint(HttpMethod method, String pattern, String example, Kind kind, String body) {}

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    /** The application's own controllers (actuator's are another mapping, and answer only health and info). */
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    String tipId;
    String otherTipId;
    PageSession moderator;

    @BeforeAll
    void aTipToCallAbout() throws Exception {
        ModerationTestClient moderation = new ModerationTestClient(web, kafka);
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        TipSubmitted other = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation.submitAndAwaitQueued(other);
        tipId = tip.tipId();
        otherTipId = other.tipId();
        moderator = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
    }

    private Map<String, Endpoint> table() {
        Map<String, Endpoint> table = new LinkedHashMap<>();
        add(table, HttpMethod.GET, "/api/queue", "/api/queue", Kind.API, null);
        add(table, HttpMethod.GET, "/api/tips/{tipId}", "/api/tips/" + tipId, Kind.API, null);
        add(table, HttpMethod.POST, "/api/tips/{tipId}/claim", "/api/tips/" + otherTipId + "/claim", Kind.API, null);
        add(table, HttpMethod.DELETE, "/api/tips/{tipId}/claim", "/api/tips/" + otherTipId + "/claim", Kind.API, null);
        // A HELD decision leaves the tip in the queue for the other rows.
        add(
                table,
                HttpMethod.POST,
                "/api/tips/{tipId}/decision",
                "/api/tips/" + otherTipId + "/decision",
                Kind.API,
                "{\"outcome\":\"HELD\",\"note\":\"Checking with the council\"}");
        // Editors only. The tip is not published, so an editor is answered 409: in, but refused.
        add(
                table,
                HttpMethod.POST,
                "/api/tips/{tipId}/correction",
                "/api/tips/" + tipId + "/correction",
                Kind.API,
                "{\"note\":\"A date was wrong.\"}");
        add(
                table,
                HttpMethod.POST,
                "/api/tips/{tipId}/retraction",
                "/api/tips/" + tipId + "/retraction",
                Kind.API,
                "{\"reason\":\"The council denied it.\"}");
        add(table, HttpMethod.GET, "/api/audit", "/api/audit", Kind.API, null);
        add(table, HttpMethod.GET, "/audit", "/audit", Kind.PAGE, null);
        add(table, HttpMethod.GET, "/audit.csv", "/audit.csv", Kind.PAGE, null);
        add(table, HttpMethod.GET, "/tips/{tipId}/provenance", "/tips/" + tipId + "/provenance", Kind.PAGE, null);
        add(
                table,
                HttpMethod.POST,
                "/tips/{tipId}/correction",
                "/tips/" + tipId + "/correction",
                Kind.PAGE,
                "note=A+date+was+wrong");
        add(
                table,
                HttpMethod.POST,
                "/tips/{tipId}/retraction",
                "/tips/" + tipId + "/retraction",
                Kind.PAGE,
                "reason=Denied&confirm=yes");
        add(table, HttpMethod.GET, "/login", "/login", Kind.OPEN_PAGE, null);
        add(table, HttpMethod.GET, "/", "/", Kind.PAGE, null);
        add(table, HttpMethod.GET, "/queue", "/queue", Kind.PAGE, null);
        add(table, HttpMethod.GET, "/queue/events", "/queue/events", Kind.PAGE, null);
        add(table, HttpMethod.GET, "/tips/{tipId}", "/tips/" + tipId, Kind.PAGE, null);
        add(
                table,
                HttpMethod.GET,
                "/tips/{tipId}/photos/{photoId}",
                "/tips/" + tipId + "/photos/none",
                Kind.PAGE,
                null);
        add(table, HttpMethod.POST, "/tips/{tipId}/claim", "/tips/" + tipId + "/claim", Kind.PAGE, "");
        add(table, HttpMethod.POST, "/tips/{tipId}/release", "/tips/" + tipId + "/release", Kind.PAGE, "");
        add(
                table,
                HttpMethod.POST,
                "/tips/{tipId}/decision",
                "/tips/" + tipId + "/decision",
                Kind.PAGE,
                "outcome=HELD&note=Checking");
        return table;
    }

    private static void add(
            Map<String, Endpoint> table, HttpMethod method, String pattern, String example, Kind kind, String body) {
        table.put(method.name() + " " + pattern, new Endpoint(method, pattern, example, kind, body));
    }

    @Test
    void everyMappedEndpointHasARowInTheTable() {
        // Given the handler mappings of the running application
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternsCondition()
                        .getPatterns()
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> mapped.add(method.name() + " " + pattern.getPatternString()))));

        // When they are compared with the table
        // Then each has a row, and no row is stale
        assertThat(new TreeSet<>(table().keySet())).isEqualTo(mapped);
    }

    @Test
    void withoutCredentialsNothingButTheLoginPageOpens() {
        table().values().forEach(endpoint -> {
            Answer result = call(endpoint, headers -> {}, false);
            int status = result.status();
            String where = endpoint.method() + " " + endpoint.pattern();
            switch (endpoint.kind()) {
                case API -> assertThat(status).as(where).isEqualTo(401);
                case OPEN_PAGE -> assertThat(status).as(where).isEqualTo(200);
                case PAGE -> {
                    if (endpoint.method() == HttpMethod.GET) {
                        assertThat(status).as(where).isEqualTo(302);
                        assertThat(result.location()).as(where).hasToString("/login");
                    } else {
                        // No session, so no token: refused before anything else is looked at.
                        assertThat(status).as(where).isEqualTo(403);
                    }
                }
            }
        });
    }

    @Test
    void aWrongPasswordOpensNothingEither() {
        table().values().forEach(endpoint -> {
            Answer result = call(
                    endpoint,
                    headers -> headers.setBasicAuth(ModerationIntegrationTest.MODERATOR, "wrong-password"),
                    false);
            int status = result.status();
            String where = endpoint.method() + " " + endpoint.pattern();
            switch (endpoint.kind()) {
                case API -> assertThat(status).as(where).isEqualTo(401);
                case OPEN_PAGE -> assertThat(status).as(where).isEqualTo(200);
                // Pages take no HTTP Basic at all, right or wrong.
                case PAGE -> assertThat(status).as(where).isIn(302, 403);
            }
        });
    }

    @Test
    void aModeratorGetsEverywhere() {
        table().values().forEach(endpoint -> {
            String where = endpoint.method() + " " + endpoint.pattern();
            Answer result = endpoint.kind() == Kind.API
                    ? call(
                            endpoint,
                            headers -> headers.setBasicAuth(
                                    ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD),
                            false)
                    : call(endpoint, headers -> {}, true);
            int status = result.status();
            assertThat(status).as(where).isNotIn(401, 403);
            if (endpoint.method() == HttpMethod.GET && status == 302) {
                assertThat(result.location()).as(where).isNotNull().asString().doesNotStartWith("/login");
            }
        });
    }

    @Test
    void everyStateChangingPageRequestNeedsTheCsrfToken() {
        // Given a signed-in moderator's session, but a form that lacks the token (as a forged one would)
        table().values().stream()
                .filter(endpoint -> endpoint.kind() != Kind.API && endpoint.method() != HttpMethod.GET)
                .forEach(endpoint -> {
                    // When it is posted
                    EntityExchangeResult<byte[]> result = web.method(endpoint.method())
                            .uri(endpoint.example())
                            .cookie(PageSession.COOKIE, moderator.cookie())
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .bodyValue(endpoint.body())
                            .exchange()
                            .expectBody()
                            .returnResult();
                    // Then it is refused
                    assertThat(result.getStatus().value())
                            .as(endpoint.pattern())
                            .isEqualTo(403);
                });
        // And so are the session's own sign-out and a sign-in, the two forms outside the table
        for (String form : new String[] {"/logout", "/login"}) {
            assertThat(web.post()
                            .uri(form)
                            .cookie(PageSession.COOKIE, moderator.cookie())
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .bodyValue("username=moderator")
                            .exchange()
                            .expectBody()
                            .returnResult()
                            .getStatus()
                            .value())
                    .as(form)
                    .isEqualTo(403);
        }
    }

    /** What a call was answered with: enough to judge who got in. */
    record Answer(int status, URI location) {}

    private Answer call(Endpoint endpoint, Consumer<HttpHeaders> headers, boolean withSession) {
        WebTestClient.RequestBodySpec request =
                web.method(endpoint.method()).uri(endpoint.example()).headers(headers);
        if (withSession) {
            request.cookie(PageSession.COOKIE, moderator.cookie());
        }
        if (endpoint.pattern().equals("/queue/events")) {
            // A stream without end: the status and, when it opens, its first event are all this needs.
            FluxExchangeResult<String> stream =
                    request.accept(MediaType.TEXT_EVENT_STREAM).exchange().returnResult(String.class);
            if (stream.getStatus().is2xxSuccessful()) {
                assertThat(stream.getResponseBody().blockFirst(Duration.ofSeconds(30)))
                        .isNotNull();
            }
            return new Answer(
                    stream.getStatus().value(), stream.getResponseHeaders().getLocation());
        }
        if (endpoint.body() != null) {
            if (endpoint.kind() == Kind.API) {
                request.contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(endpoint.body().isEmpty() ? "{}" : endpoint.body());
            } else {
                String token =
                        withSession ? "_csrf=" + URLEncoder.encode(moderator.csrf(), StandardCharsets.UTF_8) : "";
                String body = endpoint.body().isEmpty() || token.isEmpty()
                        ? endpoint.body() + token
                        : endpoint.body() + "&" + token;
                request.contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(body);
            }
        }
        EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
        return new Answer(
                result.getStatus().value(), result.getResponseHeaders().getLocation());
    }
}
