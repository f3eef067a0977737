package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.TestClock;
import org.newsdesk.submission.TipJson;
import org.newsdesk.testsupport.FreePorts;
import org.newsdesk.testsupport.InProcessMongoInitializer;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka down for longer than any of its timeouts while residents keep sending tips: every tip is
 * accepted (it is stored), and once a broker answers at Kafka's address every one of them is on
 * the topic, exactly once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            TestClock.PRIVACY_KEY,
            "spring.mongodb.database=newsdesk-submission-broker-outage",
            // The broker that comes up later is the test's; it gets the topic from the test.
            "spring.kafka.admin.auto-create=false",
            "spring.kafka.listener.auto-startup=false",
            "newsdesk.outbox.outage-retry=200ms",
            "newsdesk.outbox.tick=100ms"
        })
@ContextConfiguration(initializers = InProcessMongoInitializer.class)
// A bound on waiting, not a performance target: the machines that run the suite are small and shared.
@AutoConfigureWebTestClient(timeout = "30s")
@DirtiesContext
class BrokerOutageTests {

    private static final int KAFKA_PORT = FreePorts.loopback();
    private static EmbeddedKafkaKraftBroker broker;
    private static TcpForwarder kafkaAddress;

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void kafkaThatIsNotThereYet(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
    }

    @AfterAll
    static void stopBroker() {
        if (kafkaAddress != null) {
            kafkaAddress.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void tipsSentWhileKafkaIsDownAreAcceptedAndDeliveredOnceItIsBack() {
        // Given Kafka is down, and stays down longer than the producer's timeouts while tips arrive
        List<String> tipIds = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            JsonNode accepted = JsonMapper.builder()
                    .build()
                    .readTree(web.post()
                            .uri("/api/tips")
                            .contentType(MediaType.APPLICATION_JSON)
                            .accept(MediaType.APPLICATION_JSON)
                            .bodyValue(TipJson.write(TipJson.complete()))
                            .exchange()
                            // Then each is accepted at once
                            .expectStatus()
                            .isAccepted()
                            .expectBody()
                            .returnResult()
                            .getResponseBody());
            tipIds.add(accepted.get("tipId").asString());
            // And its receipt already answers, from the stored tip
            web.get()
                    .uri("/api/tips/{receipt}", accepted.get("receipt").asString())
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("RECEIVED");
        }

        // When Kafka comes back at the address the service knows (the embedded broker picks its own
        // port, so the address forwards to it; Kafka's metadata then leads the client to the broker)
        broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.TIPS_SUBMITTED);
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        kafkaAddress = TcpForwarder.start(KAFKA_PORT, broker.getBrokersAsString());

        // Then every tip reaches the topic, none twice
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString());
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(probe.records(Topics.TIPS_SUBMITTED).stream()
                                .map(ConsumerRecord::key)
                                .toList())
                        .containsExactlyInAnyOrderElementsOf(tipIds));
    }
}
