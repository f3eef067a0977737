package org.newsdesk.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM,
 * with its log on disk so that a restart on the same directory finds every event again.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private LocalKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker with its log under {@code dataDir}, formatting the storage on the first
     * start only, and returns once the broker answers clients.
     */
    public static LocalKafkaBroker start(Path dataDir, int brokerPort, int controllerPort) {
        Path logDir = dataDir.toAbsolutePath().resolve("kafka");
        Map<String, String> config = brokerConfig(logDir, brokerPort, controllerPort);
        formatOnFirstStart(dataDir, logDir, config);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        String bootstrapServers = "127.0.0.1:" + brokerPort;
        LocalKafkaBroker broker = new LocalKafkaBroker(server, bootstrapServers);
        try {
            server.startup();
            broker.awaitClientsAnswered();
        } catch (RuntimeException ex) {
            broker.close();
            throw ex;
        }
        return broker;
    }

    private static Map<String, String> brokerConfig(Path logDir, int brokerPort, int controllerPort) {
        String broker = "127.0.0.1:" + brokerPort;
        String controller = "127.0.0.1:" + controllerPort;
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller),
                Map.entry("advertised.listeners", "PLAINTEXT://" + broker),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("controller.quorum.voters", "1@" + controller),
                Map.entry("log.dirs", logDir.toString()),
                // One node: every internal and default topic can only ever have one replica.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                // Three consumer groups join at start-up; nobody else is coming, so do not wait for them.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // After a crash the controller keeps the dead broker's registration until its session
                // times out, and refuses the restarted broker until then: 9 s by default, 4 s here.
                Map.entry("broker.session.timeout.ms", "4000"),
                Map.entry("broker.heartbeat.interval.ms", "1000"),
                // A handful of local clients: Kafka's 8 request handlers and 3 network threads are sized
                // for a server's cores, and each idle one wakes every 300 ms to look for work.
                Map.entry("num.io.threads", "2"),
                Map.entry("num.network.threads", "2"));
    }

    /**
     * The storage is formatted once; its {@code meta.properties} then keeps the cluster id, which
     * the next start must find unchanged or the broker refuses the old log.
     */
    private static void formatOnFirstStart(Path dataDir, Path logDir, Map<String, String> config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path configFile = Files.createTempFile(dataDir.toAbsolutePath(), "kafka-format", ".properties");
            try {
                Properties properties = new Properties();
                properties.putAll(config);
                try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                    properties.store(writer, "Newsdesk local broker: used once to format the storage");
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                String clusterId = Uuid.randomUuid().toString();
                int exitCode = StorageTool.execute(
                        new String[] {"format", "--cluster-id", clusterId, "--config", configFile.toString()},
                        new PrintStream(output, true, StandardCharsets.UTF_8));
                if (exitCode != 0) {
                    throw new IllegalStateException("Could not format Kafka storage in " + logDir + ": "
                            + output.toString(StandardCharsets.UTF_8));
                }
                log.info("Formatted new Kafka storage in {} (cluster id {})", logDir, clusterId);
            } finally {
                Files.deleteIfExists(configFile);
            }
        } catch (IOException ex) {
            throw new IllegalStateException("Could not prepare Kafka storage in " + logDir, ex);
        }
    }

    private void awaitClientsAnswered() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(adminConfig)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka at " + bootstrapServers, ex);
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException(
                    "Kafka at " + bootstrapServers + " did not answer within " + READY_TIMEOUT.toSeconds() + " s", ex);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A controlled shutdown: the broker closes its log cleanly so the next start does not have to recover it. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
