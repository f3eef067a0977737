package org.newsdesk.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsdesk.launcher.NewsdeskServices;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The journey on what runs without Docker: a real KRaft broker in this JVM and a real MongoDB
 * wire-protocol server (mongo-java-server), all three services on one broker and one store.
 */
class EmbeddedTipJourneyTests extends TipJourney {

    private static EmbeddedKafkaKraftBroker kafka;
    private static NewsdeskServices services;

    @BeforeAll
    static void startNewsdesk() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        services = configured(NewsdeskServices.against(kafka.getBrokersAsString(),
                InProcessMongo.connectionString())).start();
    }

    @AfterAll
    static void stopNewsdesk() {
        if (services != null) {
            services.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Override
    NewsdeskServices services() {
        return services;
    }

    @Override
    String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    @Test
    void coHostedServicesServeOnEventLoopsOfTheirOwn() {
        // Given the three services in one JVM, as the embedded run has them
        List<ReactorResourceFactory> loops = Stream.of(services.submission(), services.moderation(),
                        services.publishing())
                .map(service -> service.context().getBean(ReactorResourceFactory.class))
                .toList();

        // Then none serves on Reactor Netty's global loops, which closing any one of them would dispose of
        assertThat(loops).doesNotHaveDuplicates().noneMatch(ReactorResourceFactory::isUseGlobalResources);
    }
}
