package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.ModerationTestClient.QueueEntry;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

@ModerationIntegrationTest
class ModerationQueueTests {

    @Autowired
    WebTestClient webTestClient;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    ModerationTestClient moderation;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(webTestClient, kafka);
    }

    @Test
    void submittedTipAppearsInTheQueueWithWhatTheResidentSent() throws Exception {
        // Given a resident who left a way to reach them
        String tipId = TestTips.newTipId();
        Instant submittedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TipSubmitted tip = TestTips.victimSupport(tipId, submittedAt);

        // When their tip is submitted
        moderation.submitAndAwaitQueued(tip);

        // Then moderators read it as sent, with a flag that the resident can be reached: the details
        // themselves are only ever opened on the tip's page
        QueueEntry entry = entryFor(tipId);
        assertThat(entry.headline()).isEqualTo(TestTips.VICTIM_SUPPORT_HEADLINE);
        assertThat(entry.body()).isEqualTo(TestTips.VICTIM_SUPPORT_BODY);
        assertThat(entry.area()).isEqualTo("Derbyshire");
        assertThat(entry.category()).isEqualTo("community");
        assertThat(entry.submittedAt()).isEqualTo(submittedAt);
        assertThat(entry.contactGiven()).isTrue();
        assertThat(moderation.api("/api/queue?area=Derbyshire&limit=500"))
                .contains(tipId)
                .doesNotContain("Sam Resident")
                .doesNotContain("sam@example.org");
    }

    @Test
    void anAnonymousTipSaysThereIsNoWayToReachTheResident() throws Exception {
        // Given a resident who stayed anonymous
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());

        // When their tip is submitted
        moderation.submitAndAwaitQueued(tip);

        // Then the queue says nobody can be contacted about it
        assertThat(entryFor(tip.tipId()).contactGiven()).isFalse();
    }

    @Test
    void redeliveredTipIsQueuedOnlyOnce() throws Exception {
        // Given a tip that is already in the queue
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);

        // When Kafka delivers the very same event again
        SendResult<Object, Object> redelivery = moderation.submit(tip);
        new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE)
                .awaitConsumed(groupId, redelivery.getRecordMetadata());

        // Then the queue still holds it exactly once
        assertThat(moderation.queuedTipIds()).containsOnlyOnce(tip.tipId());
    }

    @Test
    void redeliveryOfADecidedTipDoesNotPutItBackInTheQueue() throws Exception {
        // Given a tip a moderator already approved
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();

        // When its submission is replayed from the log
        SendResult<Object, Object> replay = moderation.submit(tip);
        new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE)
                .awaitConsumed(groupId, replay.getRecordMetadata());

        // Then it stays decided and out of the queue
        assertThat(moderation.queuedTipIds()).doesNotContain(tip.tipId());
    }

    @Test
    void queueShowsTheLongestWaitingTipFirst() throws Exception {
        // Given an older and a newer tip, and the newer one arrives first
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TipSubmitted newer = TestTips.policePlan(TestTips.newTipId(), now.minus(1, ChronoUnit.HOURS));
        TipSubmitted older = TestTips.victimSupport(TestTips.newTipId(), now.minus(2, ChronoUnit.HOURS));
        moderation.submitAndAwaitQueued(newer);
        moderation.submitAndAwaitQueued(older);

        // When a moderator opens the queue
        List<String> queue = moderation.queuedTipIds();

        // Then the older tip comes before the newer one
        assertThat(queue.indexOf(older.tipId())).isLessThan(queue.indexOf(newer.tipId()));
    }

    @Test
    void queueRequiresAModerator() {
        // Given no credentials
        // When the queue is requested
        // Then the answer is a 401 challenge as problem details
        webTestClient
                .get()
                .uri("/api/queue")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=.*")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401);
    }

    @Test
    void queueRejectsAWrongPassword() {
        // Given the moderator's name with a wrong password
        // When the queue is requested
        // Then the answer is the same 401
        webTestClient
                .get()
                .uri("/api/queue")
                .headers(headers -> headers.setBasicAuth(ModerationIntegrationTest.MODERATOR, "not-the-password"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=.*")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void healthIsOpenToEveryone() {
        // Given no credentials
        // When an orchestrator checks health
        // Then it is answered, and the in-process MongoDB counts as healthy
        webTestClient
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    private QueueEntry entryFor(String tipId) {
        return moderation.queue().stream()
                .filter(entry -> entry.tipId().equals(tipId))
                .findFirst()
                .orElseThrow();
    }
}
