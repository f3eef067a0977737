package org.newsdesk.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An API client that keeps its connection open and calls again at once (a script, the load
 * generator, a dashboard) must get every answer. When a remembered sign-in and a page served from
 * memory made the whole answer on the connection's event loop, one call in a few hundred on such a
 * connection was never answered; this test made the stall within its first few hundred calls
 * every time it ran before the fix.
 */
@ModerationIntegrationTest
class KeepAliveConnectionTests {

    private static final int CALLS = 2_000;

    @LocalServerPort
    int port;

    @Test
    void rapidAuthenticatedCallsOnOneConnectionAreAllAnswered() throws Exception {
        // Given one client on one keep-alive connection, signed in with HTTP Basic, asking for a
        // page of a queue filtered to an area no tip has (so the page is answered from memory)
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String credentials = "moderator:" + ModerationIntegrationTest.MODERATOR_PASSWORD;
        HttpRequest call = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/queue?limit=1&area=nowhere-" + UUID.randomUUID()))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5))
                .build();

        // When it calls again and again, as fast as the answers come
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CALLS && failures.isEmpty(); i++) {
            try {
                HttpResponse<String> answer = client.send(call, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    failures.add("call " + i + ": " + answer.statusCode());
                }
            } catch (java.net.http.HttpTimeoutException stalled) {
                failures.add("call " + i + " was never answered");
            }
        }

        // Then every call was answered
        assertThat(failures).isEmpty();
    }
}
