package org.newsdesk.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.newsdesk.launcher.NewsdeskServices.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;

/**
 * Newsdesk on one machine with nothing installed but a JDK: a real Kafka broker, a
 * MongoDB-compatible store on disk and the three services, all in this JVM. Ctrl-C stops them in
 * order, and the next start finds every tip, decision and story again.
 */
public final class NewsdeskLauncher {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int MONGO_PORT = 27017;

    private static final Logger log = LoggerFactory.getLogger(NewsdeskLauncher.class);

    /**
     * Chatty at INFO and of no use to someone running Newsdesk locally: the ready line says what
     * they need. Newsdesk's own loggers stay at INFO.
     */
    private static final Map<String, LogLevel> QUIET_LOGGERS = Map.of(
            "kafka", LogLevel.WARN,
            "org.apache.kafka", LogLevel.WARN,
            "state.change.logger", LogLevel.WARN,
            // Logs its routine activation at WARN on every start.
            "org.apache.kafka.controller.QuorumController", LogLevel.ERROR,
            // Warns about each compound index it skips; real MongoDB builds them, and the local data set is small.
            "de.bwaldvogel", LogLevel.ERROR,
            "org.mongodb.driver", LogLevel.WARN,
            "org.springframework", LogLevel.WARN);

    /** What has been started so far, newest first: stopping walks it from the top. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean stopping;

    private NewsdeskLauncher() {
    }

    public static void main(String[] args) {
        quietLogging();
        Path dataDir = dataDirectory(System.getenv("NEWSDESK_DATA_DIR"));
        String portsInUse = portsInUse();
        if (portsInUse != null) {
            System.err.println("Newsdesk cannot start: " + portsInUse);
            System.exit(1);
        }
        NewsdeskLauncher launcher = new NewsdeskLauncher();
        // Registered before anything starts, so Ctrl-C during start-up also stops what is already running.
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "newsdesk-shutdown"));
        try {
            NewsdeskServices services = launcher.start(dataDir);
            if (services != null) {
                System.out.println(readyLine(services, dataDir));
            }
        }
        catch (RuntimeException ex) {
            log.error("Newsdesk could not start", ex);
            System.exit(1);
        }
    }

    /**
     * Starts Kafka, MongoDB and the services in that order. Returns null if a stop was requested
     * meanwhile.
     */
    private NewsdeskServices start(Path dataDir) {
        log.info("Starting Newsdesk with its data in {}", dataDir);
        LocalKafkaBroker kafka = startPart(() -> LocalKafkaBroker.start(dataDir, KAFKA_PORT, KAFKA_CONTROLLER_PORT));
        LocalMongoServer mongo = startPart(() -> LocalMongoServer.start(dataDir, MONGO_PORT));
        if (kafka == null || mongo == null) {
            return null;
        }
        return startPart(() -> NewsdeskServices.against(kafka.bootstrapServers(), mongo.connectionString())
                .property("spring.main.banner-mode", "off")
                .property("spring.main.log-startup-info", "false")
                // Only this local run may fall back to a known moderator password; the service says so in its log.
                .property(Service.MODERATION, "newsdesk.moderator.local-default-password-allowed", "true")
                .start());
    }

    /**
     * One step of start-up, under the same lock as {@link #stop()}: a stop waits for the step in
     * progress, and no step begins once a stop has run.
     */
    private synchronized <T extends AutoCloseable> T startPart(Supplier<T> step) {
        if (stopping) {
            return null;
        }
        T part = step.get();
        started.push(part);
        return part;
    }

    /** Services first (they still publish and commit offsets), then MongoDB and Kafka, newest first. */
    private synchronized void stop() {
        stopping = true;
        if (started.isEmpty()) {
            return;
        }
        log.info("Stopping Newsdesk");
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            }
            catch (Exception ex) {
                log.warn("Could not stop {} cleanly", part.getClass().getSimpleName(), ex);
            }
        }
        log.info("Newsdesk stopped");
    }

    static Path dataDirectory(String configured) {
        Path directory = (configured == null || configured.isBlank()) ? Path.of(".newsdesk-data") : Path.of(configured);
        return directory.toAbsolutePath().normalize();
    }

    /**
     * Checked up front because each part would otherwise fail on its own, deep in a stack
     * trace, after the parts before it had already started.
     */
    private static String portsInUse() {
        Map<Integer, String> needed = new TreeMap<>();
        needed.put(KAFKA_PORT, "Kafka");
        needed.put(KAFKA_CONTROLLER_PORT, "the Kafka controller");
        needed.put(MONGO_PORT, "MongoDB");
        for (Service service : Service.values()) {
            needed.put(service.defaultPort(), "the " + service.name().toLowerCase() + " service");
        }
        StringBuilder taken = new StringBuilder();
        needed.forEach((port, user) -> {
            if (!isFree(port)) {
                taken.append(taken.isEmpty() ? "" : ", ").append(port).append(" (").append(user).append(')');
            }
        });
        if (taken.isEmpty()) {
            return null;
        }
        return "port(s) " + taken + " already in use. Is Newsdesk (or a local Kafka or MongoDB) already running?";
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static String readyLine(NewsdeskServices services, Path dataDir) {
        String password = System.getenv("NEWSDESK_MODERATOR_PASSWORD");
        String moderator = (password == null || password.isBlank()) ? "user moderator, password moderator"
                : "user moderator";
        return "Newsdesk is ready: submit " + services.submission().baseUrl()
                + " | moderate " + services.moderation().baseUrl() + " (" + moderator + ")"
                + " | read " + services.publishing().baseUrl()
                + " | data in " + dataDir + " | Ctrl-C stops";
    }

    /**
     * Kafka starts before any Spring application, so Spring Boot's Logback set-up would come too
     * late to keep the broker's start-up chatter at WARN. The services reuse this set-up and add
     * their own levels.
     */
    private static void quietLogging() {
        LoggingSystem logging = LoggingSystem.get(NewsdeskLauncher.class.getClassLoader());
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
        QUIET_LOGGERS.forEach(logging::setLogLevel);
    }
}
