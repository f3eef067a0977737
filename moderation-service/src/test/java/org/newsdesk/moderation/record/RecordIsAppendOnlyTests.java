package org.newsdesk.moderation.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.PageSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** No route edits or removes a line of the record: an editor who tries is refused, and no handler exists that could. */
@ModerationIntegrationTest
class RecordIsAppendOnlyTests {

    private static final List<String> ROUTES = List.of("/api/audit", "/audit", "/audit.csv");

    @Autowired
    WebTestClient web;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteOfTheRecordRefusesToChangeIt() {
        // Given an editor, signed in to the pages (with the form token) and on the API
        PageSession editor = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);

        for (String route : ROUTES) {
            for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
                // When they ask to change the record, as a line or as a whole
                for (String uri : List.of(route, route + "/some-line-id")) {
                    WebTestClient.RequestBodySpec request = web.method(method)
                            .uri(uri)
                            .accept(MediaType.APPLICATION_JSON)
                            .contentType(MediaType.APPLICATION_JSON);
                    if (route.startsWith("/api/")) {
                        request.headers(headers -> headers.setBasicAuth(
                                ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD));
                    } else {
                        request.cookie(PageSession.COOKIE, editor.cookie()).header("X-CSRF-TOKEN", editor.csrf());
                    }
                    int status = request.bodyValue("{\"detail\":\"rewritten\"}")
                            .exchange()
                            .expectHeader()
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .expectBody()
                            .returnResult()
                            .getStatus()
                            .value();
                    // Then the method is not allowed where the route exists, and nothing is found under it
                    assertThat(status).as(method + " " + uri).isEqualTo(uri.equals(route) ? 405 : 404);
                }
            }
        }
    }

    @Test
    void noHandlerMappingCouldChangeTheRecord() {
        // Given every handler the application maps
        List<String> record = new ArrayList<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternsCondition().getPatterns().forEach(pattern -> {
                    String path = pattern.getPatternString();
                    if (path.startsWith("/audit") || path.startsWith("/api/audit")) {
                        info.getMethodsCondition().getMethods().forEach(method -> record.add(method + " " + path));
                    }
                }));

        // Then the record's routes only read
        assertThat(record).containsExactlyInAnyOrder("GET /api/audit", "GET /audit", "GET /audit.csv");
    }
}
