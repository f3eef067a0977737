package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the launcher takes for a service that is ready, asked over HTTP as it asks the real ones. */
class ServiceHealthTests {

    private final ServiceHealth health = new ServiceHealth();

    private HttpServer service;
    private volatile int status;
    private volatile String body;

    @BeforeEach
    void service() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/actuator/health", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        service.start();
    }

    @AfterEach
    void stop() {
        service.stop(0);
    }

    @Test
    void aServiceThatReportsItselfUpIsReady() {
        answer(200, "{ \"status\" : \"UP\", \"groups\" : [ \"liveness\", \"readiness\" ] }");

        assertThat(isUp()).isTrue();
    }

    @Test
    void onlyTheOverallStatusCountsNotAComponentThatIsUp() {
        answer(200, "{\"components\":{\"mongo\":{\"status\":\"UP\"}},\"status\":\"OUT_OF_SERVICE\"}");

        assertThat(isUp()).isFalse();
    }

    @Test
    void aServiceThatIsDownOrAnswersSomethingElseIsNotReady() {
        answer(503, "{\"status\":\"DOWN\"}");
        assertThat(isUp()).isFalse();

        answer(200, "<html>status: UP</html>");
        assertThat(isUp()).isFalse();

        answer(200, "{\"status\":{\"status\":\"UP\"}}");
        assertThat(isUp()).isFalse();
    }

    @Test
    void aServiceThatIsNotListeningYetIsNotReady() {
        int port = service.getAddress().getPort();
        service.stop(0);

        assertThat(health.isUp("127.0.0.1", port)).isFalse();
    }

    private void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    private boolean isUp() {
        return health.isUp("127.0.0.1", service.getAddress().getPort());
    }
}
