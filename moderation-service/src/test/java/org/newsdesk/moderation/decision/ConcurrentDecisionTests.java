package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@ModerationIntegrationTest
class ConcurrentDecisionTests {

    @Autowired
    WebTestClient webTestClient;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    Outbox tipOutbox;

    @Autowired
    EmbeddedKafkaBroker broker;

    @LocalServerPort
    int port;

    @Test
    void ofFourSimultaneousDecisionsExactlyOneWins() throws Exception {
        // Given a tip in the queue
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        new ModerationTestClient(webTestClient, kafka).submitAndAwaitQueued(tip);
        WebClient client = WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .build();

        // When four moderators decide it at the same moment
        List<Integer> statuses = Flux.merge(
                        decide(client, tip.tipId(), "{\"outcome\":\"APPROVED\"}"),
                        decide(client, tip.tipId(), "{\"outcome\":\"APPROVED\",\"headline\":\"Police hit target\"}"),
                        decide(client, tip.tipId(), "{\"outcome\":\"REJECTED\",\"reason\":\"Press release\"}"),
                        decide(client, tip.tipId(), "{\"outcome\":\"REJECTED\",\"reason\":\"Old news\"}"))
                .collectList()
                .block(ModerationTestClient.PATIENCE);

        // Then exactly one decision is recorded and the other three are told it was already decided
        assertThat(statuses).containsExactlyInAnyOrder(200, 409, 409, 409);

        // And once Kafka acknowledged the winner's announcement, the topic holds that one decision only
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tipOutbox.isEmpty(tip.tipId()).block(Duration.ofSeconds(5)));
        DecisionAnnouncements.onlyDecision(new KafkaTopicProbe(broker.getBrokersAsString()), tip.tipId());
    }

    private static Mono<Integer> decide(WebClient client, String tipId, String json) {
        return client.post()
                .uri("/api/tips/{tipId}/decision", tipId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                .map(HttpStatusCode::value);
    }
}
