package org.newsdesk.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.newsdesk.launcher.NewsdeskServices.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newsdesk on one machine with nothing installed but a JDK: a real Kafka broker and a
 * MongoDB-compatible store on disk in this JVM, and the three services from their own jars in
 * JVMs of their own, as in production. Ctrl-C stops them in order, and the next start finds every
 * tip, decision and story again. Every line it prints names where it comes from: {@code [launcher]}
 * or the service's name.
 */
public final class NewsdeskLauncher {

    private static final Logger log = LoggerFactory.getLogger(NewsdeskLauncher.class);

    static final String READY = "Newsdesk is ready";

    /** What has been started so far, newest first: stopping walks it from the top. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private boolean stopping;

    private NewsdeskLauncher() {}

    public static void main(String[] args) {
        LauncherSettings settings;
        try {
            settings = LauncherSettings.from(System.getenv(), System.getProperty("java.class.path"));
            // Checked before anything starts: refusing later would leave Kafka and MongoDB half started.
            settings.localDefaultPasswordAllowed(System.getenv("NEWSDESK_MODERATOR_PASSWORD"));
        } catch (SettingsRefused refused) {
            log.error("Newsdesk cannot start: {}", refused.reason());
            System.exit(1);
            return;
        }
        LauncherHeap.advice(Runtime.getRuntime().maxMemory()).ifPresent(log::warn);
        String portsInUse = awaitFreePorts(settings, PREVIOUS_RUN_GRACE);
        if (portsInUse != null) {
            log.error("Newsdesk cannot start: {}", portsInUse);
            System.exit(1);
        }
        NewsdeskLauncher launcher = new NewsdeskLauncher();
        // Registered before anything starts, so Ctrl-C during start-up also stops what is already running.
        // Bounded (ShutdownDeadline): a broker left broken by a failed start may never finish stopping.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> ShutdownDeadline.stop(launcher::stop, ShutdownDeadline.LIMIT, Runtime.getRuntime()::halt),
                        "newsdesk-shutdown"));
        try {
            NewsdeskServices services = launcher.start(settings);
            if (services != null) {
                services.awaitReady(NewsdeskServices.DEFAULT_START_TIMEOUT);
                System.out.println("[launcher] " + readyLine(services, settings));
            }
        } catch (RuntimeException ex) {
            if (launcher.isStopping()) {
                // Ctrl-C during start-up: the services went away because they were asked to.
                return;
            }
            log.error("Newsdesk could not start", ex);
            System.exit(1);
        }
    }

    /**
     * Starts Kafka, MongoDB and the services in that order, and returns without waiting for the
     * services to be ready, so that a stop need not wait for that either. Returns null if a stop
     * was requested meanwhile.
     */
    private NewsdeskServices start(LauncherSettings settings) {
        log.info("Starting Newsdesk with its data in {}", settings.dataDir());
        LocalKafkaBroker kafka = startPart(
                () -> LocalKafkaBroker.start(settings.dataDir(), settings.kafkaPort(), settings.kafkaControllerPort()));
        LocalMongoServer mongo = startPart(() -> LocalMongoServer.start(settings.dataDir(), settings.mongoPort()));
        if (kafka == null || mongo == null) {
            return null;
        }
        NewsdeskServices.Starter services = NewsdeskServices.against(kafka.bootstrapServers(), mongo.connectionString())
                .servicesDirectory(settings.servicesDir())
                .bindAddress(settings.bindHost())
                .jvmOptions(settings.serviceJvmOptions())
                // Only this local run, listening on this machine alone, may fall back to a known moderator
                // password; the service says so in its log.
                .property(
                        Service.MODERATION,
                        "newsdesk.moderator.local-default-password-allowed",
                        Boolean.toString(
                                settings.localDefaultPasswordAllowed(System.getenv("NEWSDESK_MODERATOR_PASSWORD"))))
                // The master key that seals residents' contact details: made in the data folder on first
                // start, unless NEWSDESK_PRIVACY_KEY gives one (which then wins).
                .property(
                        "newsdesk.privacy.key-file",
                        settings.dataDir().resolve("privacy.key").toString())
                // Emails to residents, with no SMTP server set (SPRING_MAIL_HOST), are written here as .eml files.
                .property(
                        Service.SUBMISSION,
                        "newsdesk.notification.drop-folder",
                        settings.dataDir().resolve("mail").toString())
                // A consumer killed with the run stays in its group until its session times out, and the
                // restarted consumers wait for it: 45 s by default. This run is restarted at once after a crash.
                .property("spring.kafka.consumer.properties.session.timeout.ms", "10000");
        for (Service service : Service.values()) {
            services.port(service, settings.port(service));
            services.managementPort(service, settings.managementPort(service));
        }
        String publicBaseUrl = System.getenv("NEWSDESK_PUBLIC_BASE_URL");
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            // Story links must lead to wherever the publishing service listens in this run.
            services.property(
                    Service.PUBLISHING,
                    "newsdesk.publishing.public-base-url",
                    "http://localhost:" + settings.port(Service.PUBLISHING));
        }
        if (System.getenv("NEWSDESK_TIP_FORM_URL") == null) {
            // Readers' "Tell us YOUR news" must lead to wherever the tip form listens in this run.
            services.property(
                    Service.PUBLISHING,
                    "newsdesk.publishing.pages.tip-form-url",
                    "http://localhost:" + settings.port(Service.SUBMISSION) + "/");
        }
        return startPart(services::launch);
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

    private synchronized boolean isStopping() {
        return stopping;
    }

    /**
     * The services first (they still publish and commit offsets), then MongoDB, which commits
     * what is left, then Kafka.
     */
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
            } catch (Exception ex) {
                log.warn("Could not stop {} cleanly", part.getClass().getSimpleName(), ex);
            }
        }
        log.info("Newsdesk stopped");
    }

    /**
     * A run killed a moment ago (say with kill -9, then started again at once) leaves its services
     * behind for up to a second or two: they halt themselves once they see their launcher gone, and
     * the operating system then frees their ports. Give them that long before calling the ports taken.
     */
    static final Duration PREVIOUS_RUN_GRACE = Duration.ofSeconds(10);

    static String awaitFreePorts(LauncherSettings settings, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        String portsInUse = portsInUse(settings);
        if (portsInUse != null) {
            log.info(
                    "Waiting up to {} s for {}",
                    grace.toSeconds(),
                    portsInUse.replace(
                            " already in use.", " to be freed (a run that has just ended frees them within seconds)."));
        }
        while (portsInUse != null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return portsInUse;
            }
            portsInUse = portsInUse(settings);
        }
        return portsInUse;
    }

    /**
     * Checked up front because each part would otherwise fail on its own, deep in a stack
     * trace, after the parts before it had already started.
     */
    static String portsInUse(LauncherSettings settings) {
        Map<Integer, String> needed = new TreeMap<>();
        needed.put(settings.kafkaPort(), "Kafka");
        needed.put(settings.kafkaControllerPort(), "the Kafka controller");
        needed.put(settings.mongoPort(), "MongoDB");
        for (Service service : Service.values()) {
            needed.put(settings.port(service), "the " + service.shortName() + " service");
            needed.put(settings.managementPort(service), "the " + service.shortName() + " service's metrics");
        }
        StringBuilder taken = new StringBuilder();
        needed.forEach((port, user) -> {
            if (!isFree(port)) {
                taken.append(taken.isEmpty() ? "" : ", ")
                        .append(port)
                        .append(" (")
                        .append(user)
                        .append(')');
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
        } catch (IOException ex) {
            return false;
        }
    }

    private static String readyLine(NewsdeskServices services, LauncherSettings settings) {
        String password = System.getenv("NEWSDESK_MODERATOR_PASSWORD");
        String moderator =
                (password == null || password.isBlank()) ? "user moderator, password moderator" : "user moderator";
        return READY + ": submit " + services.submission().baseUrl()
                + " | moderate " + services.moderation().baseUrl() + " (" + moderator + ")"
                + " | read " + services.publishing().baseUrl()
                + (settings.listensBeyondThisMachine()
                        ? " | listening on " + settings.bindHost() + ", reachable from other machines"
                        : "")
                + " | data in " + settings.dataDir() + " | Ctrl-C stops";
    }
}
