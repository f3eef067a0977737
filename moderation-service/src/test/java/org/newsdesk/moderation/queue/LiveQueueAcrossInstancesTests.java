package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationApplication;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/**
 * Two instances of the service behind one broker and one database, as behind a load balancer: a
 * change made through one reaches browsers connected to the other, a session made on one works on
 * the other, and a browser that reconnects (to either) first gets what it missed.
 */
@ModerationIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveQueueAcrossInstancesTests {

    @Autowired
    WebTestClient instanceA;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    ConfigurableApplicationContext secondInstance;
    WebTestClient instanceB;

    @BeforeAll
    void startASecondInstance() {
        secondInstance = new SpringApplicationBuilder(ModerationApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--newsdesk.moderator.password=" + ModerationIntegrationTest.MODERATOR_PASSWORD,
                        "--newsdesk.privacy.key=" + ModerationIntegrationTest.PRIVACY_KEY,
                        "--newsdesk.moderator.sign-in.failures-per-client=100000",
                        "--newsdesk.moderator.sign-in.failures-per-account=100000");
        int port = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
        instanceB = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(ModerationTestClient.PATIENCE)
                .build();
    }

    @AfterAll
    void stopIt() {
        if (secondInstance != null) {
            secondInstance.close();
        }
    }

    @Test
    void aChangeOnOneInstanceReachesBrowsersOnTheOtherAndAReconnectCatchesUp() throws Exception {
        // Given a moderator signed in on instance A, whose browser follows the live queue on instance B
        PageSession session = PageSession.signIn(
                instanceA, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        List<ServerSentEvent<String>> onB = new CopyOnWriteArrayList<>();
        Disposable following = LiveQueueFeed.follow(instanceB, session, null, onB);
        await().atMost(ModerationTestClient.PATIENCE).until(() -> !onB.isEmpty());
        String readyId = onB.get(0).id();
        assertThat(onB.get(0).event()).isEqualTo("ready");

        // When a tip arrives (whichever instance consumes it) and is claimed through instance A
        ModerationTestClient moderation = new ModerationTestClient(instanceA, kafka);
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        instanceA
                .post()
                .uri("/api/tips/{id}/claim", tip.tipId())
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk();

        // Then the browser on B hears both, in order, each with a larger id
        await().atMost(ModerationTestClient.PATIENCE)
                .untilAsserted(
                        () -> assertThat(LiveQueueFeed.kinds(onB, tip.tipId())).containsExactly("received", "claimed"));
        following.dispose();

        // When the browser reconnects, to instance A this time, saying where it stopped
        List<ServerSentEvent<String>> caughtUp = new CopyOnWriteArrayList<>();
        Disposable again = LiveQueueFeed.follow(instanceA, session, readyId, caughtUp);

        // Then it first gets what happened since, from the database, without waiting for anything new
        await().atMost(ModerationTestClient.PATIENCE)
                .untilAsserted(() ->
                        assertThat(LiveQueueFeed.kinds(caughtUp, tip.tipId())).containsExactly("received", "claimed"));
        List<Long> ids = caughtUp.stream()
                .filter(event -> "queue".equals(event.event()))
                .map(event -> Long.parseLong(event.id()))
                .toList();
        assertThat(ids)
                .isSorted()
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isGreaterThan(Long.parseLong(readyId)));
        again.dispose();
    }
}
