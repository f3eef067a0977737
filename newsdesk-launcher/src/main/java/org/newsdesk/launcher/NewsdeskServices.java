package org.newsdesk.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three Newsdesk services, each run from its own executable jar in a JVM of its own, exactly
 * as in production, against a Kafka and a MongoDB that the caller provides. This JVM supervises
 * them: it relays their output with each line prefixed by the service's name, waits until they
 * are ready, reports loudly a service that dies, and stops them. How each one is started is
 * {@link ServiceCommandLines}. They end by themselves if this JVM dies without stopping them
 * (see {@code newsdesk-process}). Used by the embedded launcher and by the end-to-end tests:
 *
 * <pre>{@code
 * try (NewsdeskServices services = NewsdeskServices.against(bootstrapServers, mongoUri)
 *         .servicesDirectory(Path.of("newsdesk-launcher/target/services"))
 *         .randomPorts()
 *         .start()) {
 *     String submission = services.submission().baseUrl();
 * }
 * }</pre>
 */
public final class NewsdeskServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NewsdeskServices.class);

    /** Long enough for Spring's graceful shutdown of a healthy service; a service still running then is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** Three JVMs starting at once on a two-core machine that is busy with other things. */
    static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

    private static final Duration HEALTH_POLL = Duration.ofMillis(250);

    public enum Service {
        PUBLISHING("publishing", 8083, 9183),
        MODERATION("moderation", 8082, 9182),
        SUBMISSION("submission", 8081, 9181);

        private final String shortName;
        private final int defaultPort;
        private final int defaultManagementPort;

        Service(String shortName, int defaultPort, int defaultManagementPort) {
            this.shortName = shortName;
            this.defaultPort = defaultPort;
            this.defaultManagementPort = defaultManagementPort;
        }

        /** {@code moderation}: how the service's lines are prefixed, and the start of its artifact's name. */
        public String shortName() {
            return shortName;
        }

        /** The port in the public contract. */
        public int defaultPort() {
            return defaultPort;
        }

        /** The management port in the public contract: {@code /actuator/prometheus}, never on the public port. */
        public int defaultManagementPort() {
            return defaultManagementPort;
        }

        /** The executable jar's name in the services directory, as the launcher's build puts it there. */
        public String jarName() {
            return shortName + "-service.jar";
        }
    }

    /** One running service: its process, the port it listens on, and the one it serves its metrics on. */
    public record RunningService(Service service, int port, int managementPort, Process process, String host) {

        public String baseUrl() {
            return "http://localhost:" + port;
        }

        /** Where Prometheus scrapes the service. */
        public String metricsUrl() {
            return "http://localhost:" + managementPort + "/actuator/prometheus";
        }
    }

    private final Map<Service, RunningService> running;
    private final List<Thread> outputRelays;
    private final ServiceHealth health = new ServiceHealth();
    private volatile boolean closing;

    private NewsdeskServices(Map<Service, RunningService> running, List<Thread> outputRelays) {
        this.running = running;
        this.outputRelays = outputRelays;
        running.values()
                .forEach(service -> service.process().onExit().thenAccept(process -> {
                    if (!closing) {
                        log.error(
                                """

                        *************************************************************************
                        The {} service stopped unexpectedly (exit code {}). Newsdesk is incomplete
                        until it is started again: its last lines above are prefixed [{}].
                        *************************************************************************""",
                                service.service().shortName(),
                                process.exitValue(),
                                service.service().shortName());
                    }
                }));
    }

    /** Prepares the services to run against this Kafka cluster and this MongoDB deployment. */
    public static Starter against(String kafkaBootstrapServers, String mongoUri) {
        return new Starter(kafkaBootstrapServers, mongoUri);
    }

    public RunningService get(Service service) {
        return running.get(service);
    }

    public RunningService submission() {
        return get(Service.SUBMISSION);
    }

    public RunningService moderation() {
        return get(Service.MODERATION);
    }

    public RunningService publishing() {
        return get(Service.PUBLISHING);
    }

    /**
     * Waits until every service answers its health check with UP. Fails as soon as one of them
     * exits, or when the time is up.
     */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (RunningService service : running.values()) {
            while (!health.isUp(service.host(), service.port())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The " + service.service().shortName()
                            + " service did not report itself UP within " + timeout.toSeconds() + " s");
                }
                // Waiting on the process doubles as the pause between health checks, and ends it the moment the service
                // dies.
                try {
                    Process exited = service.process().onExit().get(HEALTH_POLL.toMillis(), TimeUnit.MILLISECONDS);
                    throw new IllegalStateException(
                            "The " + service.service().shortName() + " service exited with code "
                                    + exited.exitValue() + " before it was ready; see its lines prefixed ["
                                    + service.service().shortName() + "]");
                } catch (TimeoutException stillRunning) {
                    // Ask again.
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the services", ex);
                } catch (ExecutionException ex) {
                    throw new IllegalStateException(
                            "Could not watch the " + service.service().shortName() + " service", ex);
                }
            }
        }
    }

    /**
     * Asks every service to stop (SIGTERM: Spring's graceful shutdown), waits for them up to
     * {@link #STOP_GRACE}, then kills whichever is still running.
     */
    @Override
    public void close() {
        closing = true;
        Instant asked = Instant.now();
        // SIGTERM through the handle: Process.destroy() would also close the pipe their last lines come through.
        running.values().forEach(service -> service.process().toHandle().destroy());
        Instant deadline = asked.plus(STOP_GRACE);
        for (RunningService service : running.values()) {
            Duration left = Duration.between(Instant.now(), deadline);
            try {
                if (!service.process().waitFor(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS)) {
                    log.warn(
                            "The {} service did not stop within {} s: killing it",
                            service.service().shortName(),
                            STOP_GRACE.toSeconds());
                    service.process().destroyForcibly().waitFor();
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                service.process().destroyForcibly();
            }
        }
        // Their last lines are still on their way through the pipes.
        for (Thread relay : outputRelays) {
            try {
                relay.join(Duration.ofSeconds(2).toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        log.info(
                "The services stopped in {} ms",
                Duration.between(asked, Instant.now()).toMillis());
    }

    /**
     * Starts the three processes at once, each with its output relayed line by line under the
     * service's name, and returns without waiting for them: see {@link #awaitReady(Duration)}.
     */
    private static NewsdeskServices launch(ServiceCommandLines commandLines, PrintStream output) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> unprepared = Arrays.stream(Service.values())
                .filter(service -> !commandLines.isPrepared(service))
                .map(Service::shortName)
                .toList();
        if (!unprepared.isEmpty()) {
            log.info(
                    "Starting {} from the executable jars: ./mvnw -DskipTests package prepares them for a start"
                            + " 10-15 s shorter",
                    unprepared);
        }
        Map<Service, RunningService> running = new EnumMap<>(Service.class);
        List<Thread> relays = new ArrayList<>();
        try {
            for (Service service : Service.values()) {
                Process process = new ProcessBuilder(commandLines.commandLine(java, service))
                        .redirectErrorStream(true)
                        .start();
                running.put(
                        service,
                        new RunningService(
                                service,
                                commandLines.port(service),
                                commandLines.managementPort(service),
                                process,
                                commandLines.healthHost()));
                relays.add(relayOutput(service, process, output));
            }
        } catch (IOException ex) {
            running.values().forEach(started -> started.process().destroyForcibly());
            throw new UncheckedIOException("Could not start the services", ex);
        }
        return new NewsdeskServices(running, relays);
    }

    private static Thread relayOutput(Service service, Process process, PrintStream output) {
        String prefix = "[" + service.shortName() + "] ";
        Thread relay = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), Charset.defaultCharset()))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            output.println(prefix + line);
                        }
                    } catch (IOException ex) {
                        // The process is gone, and with it whatever it had left to say.
                    }
                },
                service.shortName() + "-output");
        relay.setDaemon(true);
        relay.start();
        return relay;
    }

    /** Collects where the jars are, ports and properties (see {@link ServiceCommandLines}), then starts all three services. */
    public static final class Starter {

        private final ServiceCommandLines commandLines;
        private PrintStream output = System.out;

        private Starter(String kafkaBootstrapServers, String mongoUri) {
            this.commandLines = new ServiceCommandLines(kafkaBootstrapServers, mongoUri);
        }

        /** The directory holding {@code submission-service.jar}, {@code moderation-service.jar} and {@code publishing-service.jar}. */
        public Starter servicesDirectory(Path directory) {
            commandLines.servicesDirectory(directory);
            return this;
        }

        public Starter port(Service service, int port) {
            commandLines.port(service, port);
            return this;
        }

        /** Where the service serves its metrics and the rest of the actuator. */
        public Starter managementPort(Service service, int port) {
            commandLines.managementPort(service, port);
            return this;
        }

        /**
         * The address every service listens on ({@code server.address}); 127.0.0.1 by default, so
         * that nothing is reachable from other machines unless asked for.
         */
        public Starter bindAddress(String address) {
            commandLines.bindAddress(address);
            return this;
        }

        /** The options every service's JVM starts with, in place of the defaults. */
        public Starter jvmOptions(List<String> options) {
            commandLines.jvmOptions(options);
            return this;
        }

        /** Every service on a port that is free now (the services cannot report a port of their own choosing back). */
        public Starter randomPorts() {
            commandLines.randomPorts();
            return this;
        }

        /** A property for every service, taking precedence over their configuration files and environment. */
        public Starter property(String name, String value) {
            commandLines.property(name, value);
            return this;
        }

        /** A property for one service, taking precedence over everything else. */
        public Starter property(Service service, String name, String value) {
            commandLines.property(service, name, value);
            return this;
        }

        /** Where the services' output goes, line by line, each prefixed with the service's name. */
        public Starter output(PrintStream output) {
            this.output = output;
            return this;
        }

        public int port(Service service) {
            return commandLines.port(service);
        }

        public int managementPort(Service service) {
            return commandLines.managementPort(service);
        }

        /** Starts the services and waits until all of them are ready; if one fails, all are stopped again. */
        public NewsdeskServices start() {
            NewsdeskServices services = launch();
            try {
                services.awaitReady(DEFAULT_START_TIMEOUT);
            } catch (RuntimeException ex) {
                services.close();
                throw ex;
            }
            return services;
        }

        /** Starts the three processes at once and returns without waiting for them: see {@link #awaitReady(Duration)}. */
        public NewsdeskServices launch() {
            return NewsdeskServices.launch(commandLines, output);
        }

        /** What would be run for the service, as the services directory holds it now. */
        List<String> commandLine(String java, Service service) {
            return commandLines.commandLine(java, service);
        }
    }
}
