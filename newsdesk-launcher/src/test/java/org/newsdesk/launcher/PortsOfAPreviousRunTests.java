package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsdesk.testsupport.FreePorts;

/** A run started right after a crash waits for the last run's services to let go of their ports. */
class PortsOfAPreviousRunTests {

    @Test
    void aPortFreedWhileWaitingLetsTheRunStart() throws IOException {
        // Given a port still held by a service of a run that has just ended, let go a moment later
        ServerSocket leftBehind = new ServerSocket(FreePorts.loopback());
        LauncherSettings settings = settingsWithSubmissionOn(leftBehind.getLocalPort());
        CompletableFuture.runAsync(
                () -> close(leftBehind), CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

        // Then the launcher finds every port free within its grace
        assertThat(NewsdeskLauncher.awaitFreePorts(settings, Duration.ofSeconds(10)))
                .isNull();
    }

    @Test
    void aPortHeldThroughTheGraceIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(FreePorts.loopback())) {
            String answer = NewsdeskLauncher.awaitFreePorts(
                    settingsWithSubmissionOn(taken.getLocalPort()), Duration.ofMillis(300));

            assertThat(answer).contains(taken.getLocalPort() + " (the submission service)");
        }
    }

    private static LauncherSettings settingsWithSubmissionOn(int port) {
        Map<String, String> environment = new HashMap<>();
        environment.put("NEWSDESK_SUBMISSION_PORT", Integer.toString(port));
        environment.put("NEWSDESK_MODERATION_PORT", Integer.toString(FreePorts.loopback()));
        environment.put("NEWSDESK_PUBLISHING_PORT", Integer.toString(FreePorts.loopback()));
        environment.put("NEWSDESK_KAFKA_PORT", Integer.toString(FreePorts.loopback()));
        environment.put("NEWSDESK_KAFKA_CONTROLLER_PORT", Integer.toString(FreePorts.loopback()));
        environment.put("NEWSDESK_MONGODB_PORT", Integer.toString(FreePorts.loopback()));
        for (String service : new String[] {"SUBMISSION", "MODERATION", "PUBLISHING"}) {
            environment.put("NEWSDESK_" + service + "_MANAGEMENT_PORT", Integer.toString(FreePorts.loopback()));
        }
        environment.put("NEWSDESK_SERVICES_DIR", "target/services");
        return LauncherSettings.from(environment, "newsdesk-exec.jar");
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
