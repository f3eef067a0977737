package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationApplication;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An instance that is told to stop (SIGTERM) ends its moderators' live queues at once, so that
 * their browsers reconnect to another instance, instead of holding its shutdown for the whole
 * grace period: an open live queue is a request in flight that never finishes by itself.
 */
@ModerationIntegrationTest
class LiveQueueAtShutdownTests {

    /** Longer than any patience below: a shutdown that waited for the live queue would take this long. */
    private static final String GRACE_PERIOD = "120s";

    @Autowired
    WebTestClient instanceA;

    @Autowired
    EmbeddedKafkaBroker broker;

    ConfigurableApplicationContext stopping;

    @AfterEach
    void stopIt() {
        if (stopping != null && stopping.isActive()) {
            stopping.close();
        }
    }

    @Test
    void anInstanceThatStopsEndsItsLiveQueuesAndDoesNotWaitOutItsGracePeriod() {
        // Given a moderator whose browser follows the live queue on an instance of its own
        stopping = new SpringApplicationBuilder(ModerationApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.lifecycle.timeout-per-shutdown-phase=" + GRACE_PERIOD,
                        "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--newsdesk.moderator.password=" + ModerationIntegrationTest.MODERATOR_PASSWORD,
                        "--newsdesk.privacy.key=" + ModerationIntegrationTest.PRIVACY_KEY);
        int port = ((WebServerApplicationContext) stopping).getWebServer().getPort();
        WebTestClient instance = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofMinutes(3))
                .build();
        PageSession session = PageSession.signIn(
                instanceA, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
        AtomicBoolean ended = new AtomicBoolean();
        LiveQueueFeed.events(instance, session, null)
                .doOnTerminate(() -> ended.set(true))
                .subscribe(events::add, failed -> {});
        await().atMost(ModerationTestClient.PATIENCE).until(() -> !events.isEmpty());

        // When the instance is told to stop
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(stopping::close);

        // Then the browser's stream ends, and the instance finishes stopping well within its grace period
        await().atMost(ModerationTestClient.PATIENCE).untilTrue(ended);
        await().atMost(ModerationTestClient.PATIENCE).until(shutdown::isDone);
        assertThat(events.get(0).event()).isEqualTo("ready");
    }
}
