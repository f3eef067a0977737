package org.newsdesk.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a service whether it is UP, as Spring Boot's actuator says it: the status at the top of
 * {@code /actuator/health}, not a component's further down, once Kafka and MongoDB are reachable.
 */
final class ServiceHealth {

    private static final String HEALTH_PATH = "/actuator/health";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Whether the service answered UP; a service not listening yet, or answering anything else, is not. */
    boolean isUp(String host, int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + HEALTH_PATH))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode status = JsonMapper.shared().readTree(response.body()).path("status");
            return status.isString() && "UP".equals(status.stringValue());
        } catch (IOException | JacksonException notListeningOrNotReady) {
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking for the services' health", ex);
        }
    }
}
