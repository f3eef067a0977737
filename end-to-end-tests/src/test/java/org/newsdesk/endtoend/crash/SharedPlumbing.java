package org.newsdesk.endtoend.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.newsdesk.endtoend.NewsdeskDistribution;
import org.newsdesk.endtoend.ServiceLines;
import org.newsdesk.launcher.LocalKafkaBroker;
import org.newsdesk.launcher.LocalMongoServer;
import org.newsdesk.launcher.NewsdeskServices;
import org.newsdesk.launcher.NewsdeskServices.Service;
import org.newsdesk.testsupport.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker and one store in the test's JVM, and sets of the packaged services started on them
 * as processes: an instance can be killed or stopped while the rest go on, as in a deployment
 * with several instances of each service. Closing it stops every set, then the store and the broker.
 */
final class SharedPlumbing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedPlumbing.class);

    private final Path dataDir;
    private final LocalKafkaBroker kafka;
    private final LocalMongoServer mongo;
    private final List<NewsdeskServices> sets = new ArrayList<>();

    private SharedPlumbing(Path dataDir, LocalKafkaBroker kafka, LocalMongoServer mongo) {
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.mongo = mongo;
    }

    /** A broker and a store on data of their own, in a folder removed again at {@link #close()}. */
    static SharedPlumbing start() {
        try {
            Path dataDir = Files.createTempDirectory("newsdesk-plumbing-");
            LocalKafkaBroker kafka = LocalKafkaBroker.start(dataDir, FreePorts.loopback(), FreePorts.loopback());
            return new SharedPlumbing(dataDir, kafka, LocalMongoServer.start(dataDir, 0));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A set of the three services on this broker and store, on ports of their own, writing to
     * {@code lines}; more settings may follow before {@code start()}.
     */
    NewsdeskServices.Starter services(ServiceLines lines) {
        NewsdeskServices.Starter starter = NewsdeskServices.against(kafka.bootstrapServers(), mongo.connectionString())
                .servicesDirectory(NewsdeskDistribution.servicesDirectory())
                .randomPorts()
                .output(lines.stream());
        return starter.property(
                        Service.PUBLISHING,
                        "newsdesk.publishing.public-base-url",
                        "http://localhost:" + starter.port(Service.PUBLISHING))
                // The embedded run's moderator account, which NewsdeskApi signs in with.
                .property(Service.MODERATION, "newsdesk.moderator.local-default-password-allowed", "true")
                .property("newsdesk.privacy.key", NewsdeskDistribution.PRIVACY_KEY);
    }

    /** Starts the set and stops it with the rest at {@link #close()}. */
    NewsdeskServices started(NewsdeskServices.Starter starter) {
        NewsdeskServices set = starter.start();
        sets.add(set);
        return set;
    }

    /** A client of the set's public API, as residents, moderators and readers use it. */
    static NewsdeskApi api(NewsdeskServices services) {
        return new NewsdeskApi(
                services.submission().baseUrl(),
                services.moderation().baseUrl(),
                services.publishing().baseUrl());
    }

    @Override
    public void close() {
        List<AutoCloseable> running = new ArrayList<>(sets);
        running.add(mongo);
        running.add(kafka);
        for (AutoCloseable part : running) {
            try {
                part.close();
            } catch (Exception ex) {
                log.warn("Could not stop {}", part, ex);
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException ex) {
            log.warn("Could not remove {}", dataDir, ex);
        }
    }
}
