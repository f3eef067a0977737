package org.newsdesk.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three Newsdesk services, each run from its own executable jar in a JVM of its own, exactly
 * as in production, against a Kafka and a MongoDB that the caller provides. This JVM supervises
 * them: it relays their output with each line prefixed by the service's name, reports loudly a
 * service that dies, and stops them. They end by themselves if this JVM dies without stopping them
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

    /** Where a service sends its liveness: Spring Boot's actuator, answering UP once Kafka and MongoDB are reachable. */
    private static final String HEALTH_PATH = "/actuator/health";

    /**
     * A local run values a quick start over peak throughput: the JIT's top tier costs start-up time
     * on two cores, and the serial collector needs neither threads nor memory of its own.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public enum Service {

        PUBLISHING("publishing", 8083),
        MODERATION("moderation", 8082),
        SUBMISSION("submission", 8081);

        private final String shortName;
        private final int defaultPort;

        Service(String shortName, int defaultPort) {
            this.shortName = shortName;
            this.defaultPort = defaultPort;
        }

        /** {@code moderation}: how the service's lines are prefixed, and the start of its artifact's name. */
        public String shortName() {
            return shortName;
        }

        /** The port in the public contract. */
        public int defaultPort() {
            return defaultPort;
        }

        /** The executable jar's name in the services directory, as the launcher's build puts it there. */
        public String jarName() {
            return shortName + "-service.jar";
        }
    }

    /** One running service: its process and the port it listens on. */
    public record RunningService(Service service, int port, Process process, String host) {

        public RunningService(Service service, int port, Process process) {
            this(service, port, process, "127.0.0.1");
        }

        public String baseUrl() {
            return "http://localhost:" + port;
        }
    }

    private final Map<Service, RunningService> running;
    private final List<Thread> outputRelays;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean closing;

    private NewsdeskServices(Map<Service, RunningService> running, List<Thread> outputRelays) {
        this.running = running;
        this.outputRelays = outputRelays;
        running.values().forEach(service -> service.process().onExit().thenAccept(process -> {
            if (!closing) {
                log.error("""
                        
                        *************************************************************************
                        The {} service stopped unexpectedly (exit code {}). Newsdesk is incomplete
                        until it is started again: its last lines above are prefixed [{}].
                        *************************************************************************""",
                        service.service().shortName(), process.exitValue(), service.service().shortName());
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
            while (!isUp(service)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The " + service.service().shortName()
                            + " service did not report itself UP within " + timeout.toSeconds() + " s");
                }
                // Waiting on the process doubles as the pause between health checks, and ends it the moment the service dies.
                try {
                    Process exited = service.process().onExit().get(HEALTH_POLL.toMillis(), TimeUnit.MILLISECONDS);
                    throw new IllegalStateException("The " + service.service().shortName() + " service exited with code "
                            + exited.exitValue() + " before it was ready; see its lines prefixed ["
                            + service.service().shortName() + "]");
                }
                catch (TimeoutException stillRunning) {
                    // Ask again.
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the services", ex);
                }
                catch (ExecutionException ex) {
                    throw new IllegalStateException("Could not watch the " + service.service().shortName() + " service", ex);
                }
            }
        }
    }

    private boolean isUp(RunningService service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + service.host() + ":" + service.port() + HEALTH_PATH))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        }
        catch (IOException notListeningYet) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking for the services' health", ex);
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
                    log.warn("The {} service did not stop within {} s: killing it", service.service().shortName(),
                            STOP_GRACE.toSeconds());
                    service.process().destroyForcibly().waitFor();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                service.process().destroyForcibly();
            }
        }
        // Their last lines are still on their way through the pipes.
        for (Thread relay : outputRelays) {
            try {
                relay.join(Duration.ofSeconds(2).toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("The services stopped in {} ms", Duration.between(asked, Instant.now()).toMillis());
    }

    /** Collects where the jars are, ports and properties, then starts all three services. */
    public static final class Starter {

        private final Map<String, String> common = new LinkedHashMap<>();
        private final Map<Service, Map<String, String>> perService = new EnumMap<>(Service.class);
        private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
        private Path servicesDirectory;
        private PrintStream output = System.out;
        private String bindAddress = "127.0.0.1";

        private Starter(String kafkaBootstrapServers, String mongoUri) {
            common.put("spring.kafka.bootstrap-servers", Objects.requireNonNull(kafkaBootstrapServers));
            common.put("spring.mongodb.uri", Objects.requireNonNull(mongoUri));
            // The service stops itself should this JVM die without stopping it first.
            common.put("newsdesk.supervisor-pid", Long.toString(ProcessHandle.current().pid()));
            common.put("spring.main.banner-mode", "off");
            // Every line is prefixed with the service's name already.
            common.put("logging.include-application-name", "false");
            for (Service service : Service.values()) {
                perService.put(service, new LinkedHashMap<>());
                ports.put(service, service.defaultPort());
            }
        }

        /** The directory holding {@code submission-service.jar}, {@code moderation-service.jar} and {@code publishing-service.jar}. */
        public Starter servicesDirectory(Path directory) {
            this.servicesDirectory = directory;
            return this;
        }

        public Starter port(Service service, int port) {
            ports.put(service, port);
            return this;
        }

        /**
         * The address every service listens on ({@code server.address}); 127.0.0.1 by default, so
         * that nothing is reachable from other machines unless asked for.
         */
        public Starter bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** Every service on a port that is free now (the services cannot report a port of their own choosing back). */
        public Starter randomPorts() {
            for (Service service : Service.values()) {
                port(service, freePort());
            }
            return this;
        }

        /** A property for every service, taking precedence over their configuration files and environment. */
        public Starter property(String name, String value) {
            common.put(name, value);
            return this;
        }

        /** A property for one service, taking precedence over everything else. */
        public Starter property(Service service, String name, String value) {
            perService.get(service).put(name, value);
            return this;
        }

        /** Where the services' output goes, line by line, each prefixed with the service's name. */
        public Starter output(PrintStream output) {
            this.output = output;
            return this;
        }

        public int port(Service service) {
            return ports.get(service);
        }

        /** Starts the services and waits until all of them are ready; if one fails, all are stopped again. */
        public NewsdeskServices start() {
            NewsdeskServices services = launch();
            try {
                services.awaitReady(DEFAULT_START_TIMEOUT);
            }
            catch (RuntimeException ex) {
                services.close();
                throw ex;
            }
            return services;
        }

        /** Starts the three processes at once and returns without waiting for them: see {@link #awaitReady(Duration)}. */
        public NewsdeskServices launch() {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Map<Service, RunningService> running = new EnumMap<>(Service.class);
            List<Thread> relays = new ArrayList<>();
            try {
                for (Service service : Service.values()) {
                    Process process = new ProcessBuilder(commandLine(java, service))
                            .redirectErrorStream(true)
                            .start();
                    running.put(service, new RunningService(service, ports.get(service), process, healthHost()));
                    relays.add(relayOutput(service, process));
                }
            }
            catch (IOException ex) {
                running.values().forEach(started -> started.process().destroyForcibly());
                throw new UncheckedIOException("Could not start the services", ex);
            }
            return new NewsdeskServices(running, relays);
        }

        List<String> commandLine(String java, Service service) {
            Path jar = jar(service);
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(JVM_OPTIONS);
            command.add("-jar");
            command.add(jar.toString());
            Map<String, String> properties = new LinkedHashMap<>(common);
            properties.put("server.port", Integer.toString(ports.get(service)));
            properties.put("server.address", bindAddress);
            properties.putAll(perService.get(service));
            properties.forEach((name, value) -> command.add("--" + name + "=" + value));
            return command;
        }

        /** Where this JVM asks the services for their health: any-address binds answer on loopback too. */
        private String healthHost() {
            try {
                InetAddress address = InetAddress.getByName(bindAddress);
                return address.isAnyLocalAddress() ? "127.0.0.1"
                        : address instanceof Inet6Address ? "[" + bindAddress + "]" : bindAddress;
            }
            catch (UnknownHostException unknown) {
                return bindAddress;
            }
        }

        private Path jar(Service service) {
            if (servicesDirectory == null) {
                throw new IllegalStateException("No services directory given");
            }
            Path jar = servicesDirectory.resolve(service.jarName()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("The " + service.shortName() + " service's jar is not at " + jar
                        + ": build Newsdesk with ./mvnw -DskipTests package");
            }
            return jar;
        }

        private Thread relayOutput(Service service, Process process) {
            String prefix = "[" + service.shortName() + "] ";
            Thread relay = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), Charset.defaultCharset()))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        output.println(prefix + line);
                    }
                }
                catch (IOException ex) {
                    // The process is gone, and with it whatever it had left to say.
                }
            }, service.shortName() + "-output");
            relay.setDaemon(true);
            relay.start();
            return relay;
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not find a free port", ex);
            }
        }
    }
}
