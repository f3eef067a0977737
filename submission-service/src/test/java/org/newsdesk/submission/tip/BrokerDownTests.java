package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.newsdesk.submission.TipJson;
import org.newsdesk.testsupport.InProcessMongoInitializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service with no Kafka to talk to: its bootstrap server is a loopback port nothing listens
 * on. It keeps its own database, so "nothing was stored" can be checked exactly, and its context
 * is closed afterwards instead of retrying a dead broker for the rest of the test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=127.0.0.1:" + BrokerDownTests.DEAD_PORT,
        "spring.mongodb.database=newsdesk-submission-broker-down",
        // Nothing to create topics on or consume from; the producer is what is under test.
        "spring.kafka.admin.auto-create=false",
        "spring.kafka.listener.auto-startup=false" })
@ContextConfiguration(initializers = InProcessMongoInitializer.class)
@AutoConfigureWebTestClient
@DirtiesContext
class BrokerDownTests {

    /** The discard port, privileged and unused on any machine that runs these tests: connections are refused. */
    static final int DEAD_PORT = 9;

    /** The promise to the resident, not a performance target. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoOperations mongo;

    @Test
    void aTipKafkaCannotTakeIsRefusedWithinTheDeadlineAndLeavesNoReceipt() {
        // Given Kafka is unreachable
        WebTestClient impatient = web.mutate().responseTimeout(DEADLINE).build();

        // When a resident sends a tip
        impatient.post().uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(TipJson.complete()))
                .exchange()
                // Then within two seconds they hear to try again later
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter -> assertThat(retryAfter).matches("[1-9][0-9]*"))
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.receipt").doesNotExist()
                .jsonPath("$.tipId").doesNotExist();

        // And no receipt exists for a tip that was not accepted
        assertThat(mongo.count(new Query(), "receipts").block(Duration.ofSeconds(5))).isZero();
    }
}
