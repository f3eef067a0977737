package org.newsdesk.messaging.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.store.StoreBackend;
import org.newsdesk.testsupport.FreePorts;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The service's readiness follows its store: down a moment after the store stops answering, up
 * again at its first answer, and one outage is two log lines however long it lasts. A real
 * MongoDB wire-protocol server is stopped and started again on the same port.
 */
@ExtendWith(OutputCaptureExtension.class)
class StoreWatchTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    private final ApplicationEventPublisher events =
            event -> availability.onApplicationEvent((AvailabilityChangeEvent<?>) event);
    private final int port = FreePorts.loopback();

    private MongoServer store;
    private MongoClient mongo;
    private StoreWatch watch;

    @BeforeEach
    void aReadyServiceWatchingItsStore() {
        startStore();
        mongo = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
                .build());
        AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        watch = new StoreWatch(
                mongo,
                new StoreProperties.Watch(Duration.ofMillis(100), Duration.ofMillis(300), 2),
                events,
                availability,
                Clock.systemUTC());
        watch.start();
    }

    @AfterEach
    void stop() {
        watch.stop();
        mongo.close();
        if (store != null) {
            store.shutdownNow();
        }
    }

    @Test
    void readinessGoesDownWhileTheStoreDoesNotAnswerAndComesBackWithIt(CapturedOutput output) {
        // When the store stops
        stopStore();

        // Then the service stops taking traffic, and says so once
        await().atMost(PATIENCE).until(availability::getReadinessState, ReadinessState.REFUSING_TRAFFIC::equals);

        // And when the store is back, so is the service
        startStore();
        await().atMost(PATIENCE).until(availability::getReadinessState, ReadinessState.ACCEPTING_TRAFFIC::equals);
        assertThat(output.getOut().lines().filter(line -> line.contains("MongoDB")))
                .satisfiesExactly(
                        down -> assertThat(down).contains("WARN").contains("not taking traffic until it does"),
                        back -> assertThat(back).contains("INFO").contains("answers again"));
    }

    @Test
    void aReadinessTakenDownByAnythingElseStaysDown() {
        // Given the service is shutting down: its readiness went down, not by the watch
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);

        // When the store goes away, long enough for the watch to hold it for out, and comes back
        stopStore();
        await().atMost(PATIENCE).until(watch::seesTheStoreOut);
        startStore();
        await().atMost(PATIENCE).until(() -> !watch.seesTheStoreOut());

        // Then the watch does not bring the service back
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
    }

    private void startStore() {
        store = new MongoServer(StoreBackend.inMemory());
        store.bind("127.0.0.1", port);
    }

    private void stopStore() {
        store.shutdownNow();
        store = null;
    }
}
