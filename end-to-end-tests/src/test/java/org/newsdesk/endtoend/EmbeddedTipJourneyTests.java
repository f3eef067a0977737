package org.newsdesk.endtoend;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.launcher.LocalKafkaBroker;
import org.newsdesk.launcher.LocalMongoServer;
import org.newsdesk.launcher.NewsdeskServices;
import org.newsdesk.testsupport.FreePorts;

/**
 * The journey on what the embedded run uses, without Docker: the launcher's real KRaft broker and
 * its on-disk MongoDB wire-protocol store in this JVM, in a data folder of this class's own, and
 * the three services from their jars, each in a JVM of its own.
 */
class EmbeddedTipJourneyTests extends TipJourney {

    @TempDir
    static Path dataDir;

    private static LocalKafkaBroker kafka;
    private static LocalMongoServer mongo;
    private static NewsdeskServices services;

    @BeforeAll
    static void startNewsdesk() {
        kafka = LocalKafkaBroker.start(dataDir, FreePorts.loopback(), FreePorts.loopback());
        mongo = LocalMongoServer.start(dataDir, 0);
        services = configured(NewsdeskServices.against(kafka.bootstrapServers(), mongo.connectionString()))
                .start();
    }

    @AfterAll
    static void stopNewsdesk() {
        if (services != null) {
            services.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Override
    NewsdeskServices services() {
        return services;
    }

    @Override
    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    String mongoConnectionString() {
        return mongo.connectionString();
    }
}
