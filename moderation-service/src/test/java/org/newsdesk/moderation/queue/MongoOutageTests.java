package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.store.StoreBackend;
import org.newsdesk.testsupport.FreePorts;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MongoDB stops while tips keep arriving: the listener containers pause instead of parking the
 * tips, and once MongoDB is back they resume and every tip joins the queue. The service has a
 * MongoDB of its own here, a real wire-protocol server the test stops and starts again on the
 * same port.
 */
@SpringBootTest(
        properties = {
            "newsdesk.moderator.password=" + ModerationIntegrationTest.MODERATOR_PASSWORD,
            "newsdesk.privacy.key=" + ModerationIntegrationTest.PRIVACY_KEY,
            "spring.mongodb.database=newsdesk-moderation-outage",
            "newsdesk.kafka.retry.initial-interval=100ms",
            "newsdesk.kafka.retry.transient-max-interval=1s"
        })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class MongoOutageTests {

    private static final int MONGO_PORT = FreePorts.loopback();
    private static MongoServer mongo = startMongo();

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ModeratedTips tips;

    @Autowired
    KafkaListenerEndpointRegistry containers;

    @Autowired
    EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void ownMongo(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + MONGO_PORT + "/?serverSelectionTimeoutMS=1000");
    }

    @AfterAll
    static void stopMongo() {
        mongo.shutdownNow();
    }

    @Test
    void tipsArrivingWhileMongoDbIsDownWaitAndJoinTheQueueOnceItIsBack() throws Exception {
        // Given MongoDB stops
        mongo.shutdownNow();

        // When tips keep arriving
        List<TipSubmitted> arriving = List.of(
                TestTips.policePlan(TestTips.newTipId()),
                TestTips.policePlan(TestTips.newTipId()),
                TestTips.policePlan(TestTips.newTipId()));
        for (TipSubmitted tip : arriving) {
            kafka.send(Topics.TIPS_SUBMITTED, tip.tipId(), tip).get(10, TimeUnit.SECONDS);
        }

        // Then the intake's container pauses rather than parking them, for longer than a bug's
        // bounded retries would take
        await().atMost(Duration.ofSeconds(60))
                .until(() -> containers.getListenerContainers().stream()
                        .anyMatch(container -> container.isPauseRequested()));
        KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString());
        await().during(Duration.ofSeconds(8))
                .atMost(Duration.ofSeconds(15))
                .until(() -> probe.records(Topics.deadLetterOf(Topics.TIPS_SUBMITTED))
                        .isEmpty());

        // And once MongoDB is back every tip is in the queue, none on the dead-letter topic
        mongo = startMongo();
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(arriving)
                        .allSatisfy(tip -> assertThat(tips.find(tip.tipId()).block(Duration.ofSeconds(5)))
                                .isNotNull()));
        assertThat(arriving)
                .allSatisfy(tip -> assertThat(probe.records(Topics.deadLetterOf(Topics.TIPS_SUBMITTED), tip.tipId()))
                        .isEmpty());
    }

    private static MongoServer startMongo() {
        MongoServer server = new MongoServer(StoreBackend.inMemory());
        server.bind("127.0.0.1", MONGO_PORT);
        return server;
    }
}
