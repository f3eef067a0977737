package org.newsdesk.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.web.problem.Outage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A dependency that is out is said at once and in the same words, whoever notices it: the service
 * that is not ready refuses before it waits for anything, and a request that failed because a
 * dependency was out is a 503 to try again, not a 500.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = NotReadyRefusalTests.ExampleApplication.class)
@AutoConfigureWebTestClient
class NotReadyRefusalTests {

    @Autowired
    WebTestClient web;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void ready() {
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void whileNotReadyEveryRequestIsRefusedAtOnceWithWhenToTryAgain() {
        // Given the service took itself out of traffic (its store does not answer)
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);

        // When a program asks for something
        web.get()
                .uri("/things")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                // Then it hears to come back in a few seconds, as problem details
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Temporarily unavailable")
                .jsonPath("$.status")
                .isEqualTo(503);

        // And a POST is refused before anything reads or stores it
        web.post().uri("/things").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(ExampleApplication.posted).isZero();
    }

    @Test
    void whatTheServiceAnswersFromMemoryAndTheOperatorsHealthCheckAreStillServed() {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);

        web.get().uri("/remembered").exchange().expectStatus().isOk();
        // Not refused by the filter: whatever answers there answers (here nothing, so a 404)
        web.get().uri("/assets/site.css").exchange().expectStatus().isNotFound();
        web.get()
                .uri("/actuator/health")
                .exchange()
                // The actuator answers for itself (down, since readiness is), not the refusal
                .expectBody(String.class)
                .value(health -> assertThat(health).doesNotContain("Temporarily unavailable"));
    }

    @Test
    void readyAgainTheServiceAnswersAsBefore() {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        web.get().uri("/things").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);

        web.get().uri("/things").exchange().expectStatus().isOk();
    }

    @Test
    void aRequestFailedByAnOutageIsA503ToTryAgainAndABugStaysA500() {
        web.get()
                .uri("/out-of-reach")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("We cannot reach part of our system just now. Please try again in a moment.");

        web.get()
                .uri("/bug")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectHeader()
                .doesNotExist(HttpHeaders.RETRY_AFTER);
    }

    /** What a database driver throws when it cannot reach its server, as far as this test is concerned. */
    static final class OutOfReach extends RuntimeException {
        OutOfReach() {
            super("no server answered");
        }
    }

    @SpringBootApplication
    static class ExampleApplication {

        static volatile int posted;

        @Bean
        Outage outOfReach() {
            return failure -> failure instanceof OutOfReach || failure.getCause() instanceof OutOfReach;
        }

        @Bean
        AnsweredWhileNotReady remembered() {
            return exchange -> exchange.getRequest().getPath().value().equals("/remembered");
        }

        @RestController
        static class ExampleController {

            @GetMapping("/things")
            String things() {
                return "things";
            }

            @PostMapping("/things")
            String post() {
                posted++;
                return "stored";
            }

            @GetMapping("/remembered")
            String remembered() {
                return "from memory";
            }

            @GetMapping("/out-of-reach")
            Mono<String> outOfReach() {
                return Mono.error(new IllegalStateException("reading failed", new OutOfReach()));
            }

            @GetMapping("/bug")
            Mono<String> bug() {
                return Mono.error(new IllegalStateException("a bug"));
            }
        }
    }
}
