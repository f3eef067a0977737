package org.newsdesk.publishing.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.PublishingApplication;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.store.StoreBackend;
import org.newsdesk.testsupport.FreePorts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Readers while the store is out: the pages already rendered are still served, everything else is
 * answered at once with a 503 that says when to come back (a page in the outlet's style for a
 * browser, problem details for a program), the service's readiness is down so a load balancer
 * looks elsewhere, and all of it comes back within seconds of the store. The store is a real
 * MongoDB wire-protocol server of this test's own, stopped and started again on its port; Kafka
 * plays no part and is left unreachable.
 */
@SpringBootTest(
        classes = PublishingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "newsdesk.publishing.public-base-url=" + PublishingIntegrationTest.PUBLIC_BASE_URL,
            "newsdesk.publishing.pages.tip-form-url=" + PublishingIntegrationTest.TIP_FORM_URL,
            "spring.kafka.bootstrap-servers=127.0.0.1:9",
            "spring.kafka.admin.auto-create=false",
            "spring.kafka.listener.auto-startup=false",
            "management.server.port=0",
            "newsdesk.store.watch.interval=200ms",
            "newsdesk.store.watch.timeout=500ms"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@DirtiesContext
class StoreOutageTests {

    /** The promise to a reader once the service knows its store is out: not a performance target. */
    private static final Duration QUICK = Duration.ofSeconds(2);

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final int STORE_PORT = FreePorts.loopback();
    private static MongoServer store = startStore();

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry properties) {
        properties.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + STORE_PORT + "/newsdesk-publishing-outage");
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.shutdownNow();
        }
    }

    @Test
    void readersGetTheRenderedPagesAQuick503ForTheRestAndEverythingBackWithTheStore() {
        // Given a reader has seen the front page, which is kept rendered
        web.get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();

        // When the store stops answering
        store.shutdownNow();
        store = null;

        // Then the service says it is not ready, for load balancers to look elsewhere
        await().atMost(PATIENCE)
                .untilAsserted(() -> web.get()
                        .uri("/actuator/health/readiness")
                        .exchange()
                        .expectStatus()
                        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));

        // And the front page is still served, as rendered
        web.get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();

        // And a page that needs the store is a quick 503 in the outlet's own words and style
        WebTestClient impatient = web.mutate().responseTimeout(QUICK).build();
        String page = impatient
                .get()
                .uri("/search?q=flood")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("Sorry, the service is unavailable for a moment")
                .contains("Please try again in <span>5 seconds</span>")
                .contains("Erewash Sound");

        // And a program gets problem details
        impatient
                .get()
                .uri("/api/stories?limit=7")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5");

        // When the store is back
        store = startStore();

        // Then so is the service, within seconds
        await().atMost(PATIENCE)
                .untilAsserted(() -> web.get()
                        .uri("/actuator/health/readiness")
                        .exchange()
                        .expectStatus()
                        .isOk());
        web.get().uri("/api/stories?limit=7").exchange().expectStatus().isOk();
    }

    private static MongoServer startStore() {
        MongoServer server = new MongoServer(StoreBackend.inMemory());
        server.bind("127.0.0.1", STORE_PORT);
        return server;
    }
}
