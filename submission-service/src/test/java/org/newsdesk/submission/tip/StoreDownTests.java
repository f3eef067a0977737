package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.newsdesk.submission.TestClock;
import org.newsdesk.submission.TipJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service with no database to store tips in: MongoDB's address is a loopback port nothing
 * listens on (and so is Kafka's, which plays no part in accepting a tip). A tip that cannot be
 * stored is refused quickly, with a 503 the resident can act on; it is never answered 202.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            TestClock.PRIVACY_KEY,
            "spring.mongodb.uri=mongodb://127.0.0.1:" + StoreDownTests.DEAD_PORT + "/?serverSelectionTimeoutMS=500",
            "spring.kafka.bootstrap-servers=127.0.0.1:" + StoreDownTests.DEAD_PORT,
            "spring.kafka.admin.auto-create=false",
            "spring.kafka.listener.auto-startup=false"
        })
@AutoConfigureWebTestClient
@DirtiesContext
class StoreDownTests {

    /** The discard port, privileged and unused on any machine that runs these tests: connections are refused. */
    static final int DEAD_PORT = 9;

    /** The promise to the resident, not a performance target. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Autowired
    WebTestClient web;

    @Test
    void aTipThatCannotBeStoredIsRefusedWithinTheDeadline() {
        // Given MongoDB is unreachable
        WebTestClient impatient = web.mutate().responseTimeout(DEADLINE).build();

        // When a resident sends a tip
        impatient
                .post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(TipJson.complete()))
                .exchange()
                // Then within two seconds they hear to try again later, and get no receipt
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        retryAfter -> assertThat(retryAfter).matches("[1-9][0-9]*"))
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(503)
                .jsonPath("$.receipt")
                .doesNotExist()
                .jsonPath("$.tipId")
                .doesNotExist();
    }
}
