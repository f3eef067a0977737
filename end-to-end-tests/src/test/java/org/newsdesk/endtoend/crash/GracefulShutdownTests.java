package org.newsdesk.endtoend.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.newsdesk.endtoend.ServiceLines;
import org.newsdesk.launcher.NewsdeskServices;
import org.newsdesk.launcher.NewsdeskServices.RunningService;
import org.newsdesk.testsupport.PrometheusScrape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM, as an orchestrator stops an instance for a deploy: the packaged submission service
 * finishes the request in flight (a resident's tip still arriving), hands back its partitions and
 * its outbox leases, and exits; the tip it accepted on its way out reaches the moderators.
 */
class GracefulShutdownTests {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdownTests.class);

    private static final Duration START_PATIENCE = Duration.ofMinutes(3);

    /** Well within the services' grace period (30 s) plus the time the JVM takes to go. */
    private static final Duration EXIT_PATIENCE = Duration.ofSeconds(60);

    /** What a JVM that ran its shutdown hooks after SIGTERM exits with (128 + 15). */
    private static final int EXIT_AFTER_SIGTERM = 143;

    /** Requests under way, as a gauge histogram: the services publish percentile histograms. */
    private static final String ACTIVE_REQUESTS = "http_server_requests_active_seconds_gcount";

    private static final Pattern TIP_ID = Pattern.compile("\"tipId\"\\s*:\\s*\"([^\"]+)\"");

    private final JsonMapper json = JsonMapper.builder().build();

    /** Closed after the test, whatever happened: its services, store and broker stop. */
    @AutoClose
    private SharedPlumbing plumbing;

    @Test
    void aServiceToldToStopFinishesTheTipItIsReceivingHandsBackItsWorkAndExits() throws Exception {
        plumbing = SharedPlumbing.start();
        ServiceLines lines = new ServiceLines();
        NewsdeskServices services = plumbing.started(plumbing.services(lines));
        services.awaitReady(START_PATIENCE);
        RunningService submission = services.submission();
        NewsdeskApi api = SharedPlumbing.api(services);
        int linesBeforeStop;
        Instant told;
        String tipId;

        // Given a resident's tip half sent: the service has its headers and waits for the rest
        byte[] tip = json.writeValueAsBytes(Map.of(
                "headline", "Footbridge over the canal closed",
                "body", "The footbridge by the lock has been fenced off since this morning.",
                "area", "Sandiacre"));
        int half = tip.length / 2;
        try (Socket resident = new Socket("127.0.0.1", submission.port())) {
            resident.setSoTimeout((int) EXIT_PATIENCE.toMillis());
            OutputStream sending = resident.getOutputStream();
            sending.write(("POST /api/tips HTTP/1.1\r\n"
                            + "Host: 127.0.0.1:" + submission.port() + "\r\n"
                            + "Content-Type: application/json\r\n"
                            + "Accept: application/json\r\n"
                            + "Content-Length: " + tip.length + "\r\n"
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            sending.write(tip, 0, half);
            sending.flush();
            await("the tip's request to be in flight in the service")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> {
                        PrometheusScrape scrape = PrometheusScrape.of(URI.create(submission.metricsUrl()));
                        assertThat(scrape.value(ACTIVE_REQUESTS, Map.of("method", "POST")))
                                .as("%s in%n%s", ACTIVE_REQUESTS, scrape.text())
                                .isGreaterThanOrEqualTo(1);
                    });

            // When the service is told to stop (SIGTERM), and the rest of the tip arrives afterwards
            linesBeforeStop = lines.text().length();
            told = Instant.now();
            // SIGTERM through the handle: Process.destroy() would also close the pipe its last lines come through.
            submission.process().toHandle().destroy();
            sending.write(tip, half, tip.length - half);
            sending.flush();

            // Then the tip is accepted
            String answer = new String(resident.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 202");
            Matcher accepted = TIP_ID.matcher(answer);
            assertThat(accepted.find()).as(answer).isTrue();
            tipId = accepted.group(1);
        }

        // And the service exits by itself within its grace period
        assertThat(submission.process().waitFor(EXIT_PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as("submission-service exited")
                .isTrue();
        Duration toExit = Duration.between(told, Instant.now());
        assertThat(submission.process().exitValue()).isEqualTo(EXIT_AFTER_SIGTERM);

        // And on its way out it gave back its partitions and its outbox leases (its last lines
        // still on their way through the pipe when it exits)
        await("submission-service's last lines")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(lines.text().substring(linesBeforeStop))
                        .contains("submission-service: partitions revoked")
                        .contains("Stopped relaying; handed back"));
        log.info("submission-service exited {} after SIGTERM, with a tip in flight", toExit);

        // And the tip it accepted on its way out reaches the moderators
        await("the tip accepted during the shutdown in the moderators' queue")
                .atMost(Duration.ofSeconds(60))
                .until(() -> api.queuedTipIds().contains(tipId));
    }
}
