package org.newsdesk.endtoend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.newsdesk.launcher.NewsdeskServices;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same journey on the images production runs: Apache Kafka in KRaft mode and MongoDB 8.
 * Skipped where there is no Docker (as on this project's CI), run wherever there is.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerTipJourneyTests extends TipJourney {

    @Container
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.2.1");

    @Container
    static final MongoDBContainer mongo = new MongoDBContainer("mongo:8");

    private static NewsdeskServices services;

    @BeforeAll
    static void startNewsdesk() {
        services = configured(NewsdeskServices.against(kafka.getBootstrapServers(), mongo.getConnectionString()))
                .start();
    }

    @AfterAll
    static void stopNewsdesk() {
        if (services != null) {
            services.close();
        }
    }

    @Override
    NewsdeskServices services() {
        return services;
    }

    @Override
    String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    String mongoConnectionString() {
        return mongo.getConnectionString();
    }
}
