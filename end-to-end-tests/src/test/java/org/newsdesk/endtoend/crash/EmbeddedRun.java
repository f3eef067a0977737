package org.newsdesk.endtoend.crash;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.newsdesk.endtoend.NewsdeskDistribution;
import org.newsdesk.testsupport.FreePorts;

/**
 * The embedded run exactly as a user starts it, {@code java -Xmx512m -jar newsdesk-exec.jar}, as a child
 * process of the test: Kafka and MongoDB in the launcher's JVM, each service in a JVM of its own
 * under it. Its output goes to this JVM's standard output, already prefixed by the launcher.
 */
final class EmbeddedRun {

    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final Duration STOP_PATIENCE = Duration.ofMinutes(1);

    /** Ports of its own, so the run neither meets nor disturbs a Newsdesk running on the public ones. */
    record Ports(
            int submission,
            int moderation,
            int publishing,
            int kafka,
            int kafkaController,
            int mongo,
            int submissionManagement,
            int moderationManagement,
            int publishingManagement) {

        static Ports free() {
            return new Ports(
                    FreePorts.loopback(),
                    FreePorts.loopback(),
                    FreePorts.loopback(),
                    FreePorts.loopback(),
                    FreePorts.loopback(),
                    FreePorts.loopback(),
                    FreePorts.loopback(),
                    FreePorts.loopback(),
                    FreePorts.loopback());
        }

        List<Integer> all() {
            return List.of(
                    submission,
                    moderation,
                    publishing,
                    kafka,
                    kafkaController,
                    mongo,
                    submissionManagement,
                    moderationManagement,
                    publishingManagement);
        }
    }

    private final Process launcher;
    private final CompletableFuture<String> readyLine = new CompletableFuture<>();

    private EmbeddedRun(Process launcher) {
        this.launcher = launcher;
        Thread relay = new Thread(this::relayOutput, "embedded-run-output");
        relay.setDaemon(true);
        relay.start();
        launcher.onExit()
                .thenAccept(exited -> readyLine.completeExceptionally(new IllegalStateException(
                        "The launcher ended before it was ready, with exit code " + exited.exitValue())));
    }

    /** Starts the launcher on this data folder and these ports, and returns once it printed its ready line. */
    static EmbeddedRun start(Path dataDir, Ports ports) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-jar",
                        NewsdeskDistribution.launcherJar().toString())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // The local default password, and the service jars found beside the launcher's, as for a user.
        Stream.of(
                        "NEWSDESK_MODERATOR_PASSWORD",
                        "NEWSDESK_SERVICES_DIR",
                        "NEWSDESK_PUBLIC_BASE_URL",
                        "NEWSDESK_KAFKA_BOOTSTRAP_SERVERS",
                        "NEWSDESK_MONGODB_URI")
                .forEach(environment::remove);
        environment.put("NEWSDESK_DATA_DIR", dataDir.toString());
        // The test sends tips as fast as it can, all from one address.
        environment.put("NEWSDESK_TIP_RATE_LIMIT", "0");
        environment.put("NEWSDESK_SUBMISSION_PORT", Integer.toString(ports.submission()));
        environment.put("NEWSDESK_MODERATION_PORT", Integer.toString(ports.moderation()));
        environment.put("NEWSDESK_PUBLISHING_PORT", Integer.toString(ports.publishing()));
        environment.put("NEWSDESK_KAFKA_PORT", Integer.toString(ports.kafka()));
        environment.put("NEWSDESK_KAFKA_CONTROLLER_PORT", Integer.toString(ports.kafkaController()));
        environment.put("NEWSDESK_MONGODB_PORT", Integer.toString(ports.mongo()));
        environment.put("NEWSDESK_SUBMISSION_MANAGEMENT_PORT", Integer.toString(ports.submissionManagement()));
        environment.put("NEWSDESK_MODERATION_MANAGEMENT_PORT", Integer.toString(ports.moderationManagement()));
        environment.put("NEWSDESK_PUBLISHING_MANAGEMENT_PORT", Integer.toString(ports.publishingManagement()));
        EmbeddedRun run;
        try {
            run = new EmbeddedRun(builder.start());
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start the launcher", ex);
        }
        try {
            await("the launcher's ready line").atMost(START_PATIENCE).until(run.readyLine::isDone);
            run.readyLine.join();
        } catch (RuntimeException ex) {
            run.killWithEverythingUnderIt(ports);
            throw ex;
        }
        return run;
    }

    /**
     * SIGKILL to the launcher and every process under it, all at once, as a crash or
     * {@code kill -9} of the whole process group would; returns once their ports are free again.
     */
    void killWithEverythingUnderIt(Ports ports) {
        List<ProcessHandle> all = new ArrayList<>(launcher.descendants().toList());
        all.add(launcher.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        // Ports rather than processes: a killed service may linger as a zombie until its new parent reaps it.
        await("the killed run's ports to be free")
                .atMost(STOP_PATIENCE)
                .until(() -> ports.all().stream().allMatch(EmbeddedRun::isFree));
    }

    /**
     * SIGKILL to the launcher alone, as when only its process is killed; returns once the services
     * under it have ended by themselves, which their supervisor watch makes them do, and freed their ports.
     */
    void killLauncherOnly(Ports ports) {
        launcher.destroyForcibly();
        await("the services to end with their launcher")
                .atMost(STOP_PATIENCE)
                .until(() -> ports.all().stream().allMatch(EmbeddedRun::isFree));
    }

    /** SIGTERM, as Ctrl-C: returns the launcher's exit code, once it and every process under it have ended. */
    int stop() {
        List<ProcessHandle> services = launcher.descendants().toList();
        // Through the handle: Process.destroy() would also close the pipe the launcher's last lines come through.
        launcher.toHandle().destroy();
        await("the launcher to stop").atMost(STOP_PATIENCE).until(() -> !launcher.isAlive());
        await("the services to stop")
                .atMost(STOP_PATIENCE)
                .until(() -> services.stream().noneMatch(ProcessHandle::isAlive));
        return launcher.exitValue();
    }

    boolean isAlive() {
        return launcher.isAlive();
    }

    private void relayOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(launcher.getInputStream(), Charset.defaultCharset()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println(line);
                if (line.contains("Newsdesk is ready")) {
                    readyLine.complete(line);
                }
            }
        } catch (IOException ex) {
            // Killed: the pipe broke.
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException ex) {
            return false;
        }
    }
}
