package org.newsdesk.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
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
import org.newsdesk.moderation.account.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every endpoint and page of the service, against no credentials, a wrong password, an editor (the
 * {@code moderator} account is one), a moderator who is not an editor, and a disabled account.
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

    @Autowired
    ApplicationContext context;

    String tipId;
    String otherTipId;
    PageSession moderator;

    /** Accounts of this class's own: one the table's account rows act on, one with an unused set-password link. */
    String accountTarget;

    String linkToken;
    String newAccount;

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
        TestAccounts accounts = TestAccounts.in(context);
        accountTarget = accounts.withPassword(TestAccounts.newUsername("matrix-target"), Role.MODERATOR, PASSWORD);
        linkToken = accounts.added(TestAccounts.newUsername("matrix-link"), Role.MODERATOR);
        newAccount = TestAccounts.newUsername("matrix-new");
    }

    private static final String PASSWORD = "Matrix-of-who-may-call-what";

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
        add(table, HttpMethod.GET, "/queue/held", "/queue/held", Kind.PAGE, null);
        add(table, HttpMethod.GET, "/queue/decided", "/queue/decided", Kind.PAGE, null);
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
        add(table, HttpMethod.GET, "/accounts", "/accounts", Kind.PAGE, null);
        add(
                table,
                HttpMethod.POST,
                "/accounts",
                "/accounts",
                Kind.PAGE,
                "username=" + newAccount + "&displayName=Matrix+Person&role=MODERATOR");
        add(
                table,
                HttpMethod.POST,
                "/accounts/{username}/disable",
                "/accounts/" + accountTarget + "/disable",
                Kind.PAGE,
                "");
        add(
                table,
                HttpMethod.POST,
                "/accounts/{username}/enable",
                "/accounts/" + accountTarget + "/enable",
                Kind.PAGE,
                "");
        add(
                table,
                HttpMethod.POST,
                "/accounts/{username}/role",
                "/accounts/" + accountTarget + "/role",
                Kind.PAGE,
                "role=MODERATOR");
        add(
                table,
                HttpMethod.POST,
                "/accounts/{username}/password-link",
                "/accounts/" + accountTarget + "/password-link",
                Kind.PAGE,
                "");
        add(table, HttpMethod.GET, "/account/password", "/account/password", Kind.PAGE, null);
        add(
                table,
                HttpMethod.POST,
                "/account/password",
                "/account/password",
                Kind.PAGE,
                "current=not-it&password=x&repeated=x");
        // Opened by a one-time link, before its person has a password; its form is a page form like any other.
        add(table, HttpMethod.GET, "/set-password", "/set-password?token=" + linkToken, Kind.OPEN_PAGE, null);
        add(table, HttpMethod.POST, "/set-password", "/set-password", Kind.PAGE, "token=none&password=x&repeated=x");
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

    @Test
    void aModeratorWhoIsNotAnEditorGetsEverywhereButTheEditorsPaths() {
        // Given a moderator who is not an editor, signed in to the pages and calling the API
        PageSession second = PageSession.signIn(
                web, ModerationIntegrationTest.SECOND_MODERATOR, ModerationIntegrationTest.SECOND_PASSWORD);
        table().values().forEach(endpoint -> {
            String where = endpoint.method() + " " + endpoint.pattern();
            // When they call each endpoint
            Answer result = endpoint.kind() == Kind.API
                    ? call(
                            endpoint,
                            headers -> headers.setBasicAuth(
                                    ModerationIntegrationTest.SECOND_MODERATOR,
                                    ModerationIntegrationTest.SECOND_PASSWORD),
                            null)
                    : call(endpoint, headers -> {}, second);
            // Then only the editors' paths refuse them, with 403
            if (editorsOnly(endpoint)) {
                assertThat(result.status()).as(where).isEqualTo(403);
            } else {
                assertThat(result.status()).as(where).isNotIn(401, 403);
                if (endpoint.method() == HttpMethod.GET && result.status() == 302) {
                    assertThat(result.location())
                            .as(where)
                            .isNotNull()
                            .asString()
                            .doesNotStartWith("/login");
                }
            }
        });
    }

    @Test
    void aDisabledAccountGetsNowhere() {
        // Given an editor signed in to the pages, whose account is then disabled
        TestAccounts accounts = TestAccounts.in(context);
        String disabled = accounts.withPassword(TestAccounts.newUsername("matrix-disabled"), Role.EDITOR, PASSWORD);
        PageSession session = PageSession.signIn(web, disabled, PASSWORD);
        accounts.disable(disabled);

        table().values().forEach(endpoint -> {
            String where = endpoint.method() + " " + endpoint.pattern();
            // When they call each endpoint, with the right password or their open session
            Answer result = endpoint.kind() == Kind.API
                    ? call(endpoint, headers -> headers.setBasicAuth(disabled, PASSWORD), null)
                    : call(endpoint, headers -> {}, session);
            // Then the API answers 401, and the pages send them to sign in (or refuse a form outright)
            if (endpoint.kind() == Kind.OPEN_PAGE || endpoint.pattern().equals(ModeratorAccounts.SET_PASSWORD)) {
                assertThat(result.status()).as(where).isNotIn(401, 500);
            } else if (endpoint.kind() == Kind.API) {
                assertThat(result.status()).as(where).isEqualTo(401);
            } else if (endpoint.method() == HttpMethod.GET) {
                assertThat(result.status()).as(where).isEqualTo(302);
                assertThat(result.location()).as(where).hasToString("/login");
            } else {
                assertThat(result.status()).as(where).isIn(302, 403);
            }
        });
    }

    /** Whether the endpoint is one of the paths only editors may use, by the example it is called with. */
    private static boolean editorsOnly(Endpoint endpoint) {
        PathContainer path =
                PathContainer.parsePath(URI.create(endpoint.example()).getPath());
        return Arrays.stream(Role.EDITORS_ONLY)
                .anyMatch(pattern ->
                        PathPatternParser.defaultInstance.parse(pattern).matches(path));
    }

    /** What a call was answered with: enough to judge who got in. */
    record Answer(int status, URI location) {}

    private Answer call(Endpoint endpoint, Consumer<HttpHeaders> headers, boolean withSession) {
        return call(endpoint, headers, withSession ? moderator : null);
    }

    private Answer call(Endpoint endpoint, Consumer<HttpHeaders> headers, PageSession session) {
        boolean withSession = session != null;
        WebTestClient.RequestBodySpec request =
                web.method(endpoint.method()).uri(endpoint.example()).headers(headers);
        if (withSession) {
            request.cookie(PageSession.COOKIE, session.cookie());
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
                String token = withSession ? "_csrf=" + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8) : "";
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
