package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.TipWithdrawn;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.HistoryEntry;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.TipState;
import org.newsdesk.moderation.tip.Withdrawal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.Disposable;

/**
 * The resident withdraws a tip over Kafka (submission-service announces it): an undecided tip
 * leaves the queue at once, live, and can no longer be claimed or decided; a decided one keeps its
 * decision. This service owns decisions, so it tells which came first.
 */
@ModerationIntegrationTest
class ResidentWithdrawalTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ModeratedTips tips;

    ModerationTestClient moderation;
    PageSession session;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
        session = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
    }

    @Test
    void aClaimedTipWithdrawnLeavesTheQueueLiveAndCanNoLongerBeClaimedOrDecided() throws Exception {
        // Given a tip in the queue, claimed by a moderator, and a browser following the live queue
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation.claim(tip.tipId()).expectStatus().isOk();
        List<ServerSentEvent<String>> live = new CopyOnWriteArrayList<>();
        Disposable following = LiveQueueFeed.follow(web, session, null, live);
        await().atMost(ModerationTestClient.PATIENCE).until(() -> !live.isEmpty());

        // When the resident withdraws it
        Instant withdrawnAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        moderation.send(TipWithdrawn.of(tip.tipId(), 2, withdrawnAt));

        // Then the live queue hears it, and the tip is out of the queue
        await().atMost(ModerationTestClient.PATIENCE)
                .untilAsserted(
                        () -> assertThat(LiveQueueFeed.kinds(live, tip.tipId())).containsExactly("withdrawn"));
        following.dispose();
        assertThat(moderation.queuedTipIds()).doesNotContain(tip.tipId());

        // And it is withdrawn, its claim ended, its history saying so
        ModeratedTip stored = tips.find(tip.tipId()).block(TIMEOUT);
        assertThat(stored.state()).isEqualTo(TipState.WITHDRAWN);
        assertThat(stored.claim()).isNull();
        assertThat(stored.withdrawal()).isEqualTo(new Withdrawal(withdrawnAt, false));
        HistoryEntry last = stored.history().get(stored.history().size() - 1);
        assertThat(last.kind()).isEqualTo(HistoryEntry.Kind.WITHDRAWN);
        assertThat(last.by()).isEqualTo(HistoryEntry.RESIDENT);
        assertThat(last.at()).isEqualTo(withdrawnAt);

        // And a decision or a claim on it is refused with a 409 that says why
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Tip withdrawn by the resident")
                .jsonPath("$.withdrawnAt")
                .exists();
        moderation
                .claim(tip.tipId())
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Tip withdrawn by the resident");

        // And the tip page says it was withdrawn, with no decision to make
        String page = page(tip.tipId());
        assertThat(page)
                .contains("id=\"withdrawn\"")
                .contains("Withdrawn by the resident")
                .doesNotContain("id=\"decision-form\"")
                .doesNotContain("id=\"approve\"");

        // And a decision forced through the page's form is refused on the page, not with a 5xx
        String refused = session.post(web, "/tips/{id}/decision", tip.tipId())
                .body(BodyInserters.fromFormData("outcome", "APPROVED").with("_csrf", session.csrf()))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(refused).contains("The resident withdrew this tip while you were reading it.");
    }

    @Test
    void aTipOnHoldCanBeWithdrawnAndRedeliveryChangesNothing() throws Exception {
        // Given a tip a moderator put on hold
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"HELD\",\"note\":\"Waiting for the council\"}")
                .expectStatus()
                .isOk();

        // When the resident withdraws it, and Kafka delivers the withdrawal twice
        TipWithdrawn withdrawn = TipWithdrawn.of(tip.tipId(), 2, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        moderation.send(withdrawn);
        moderation.send(withdrawn);
        moderation.send(TipWithdrawn.of(tip.tipId(), 3, Instant.now().truncatedTo(ChronoUnit.MILLIS)));

        // Then it is withdrawn once: one history line, its hold kept beside it
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tips.find(tip.tipId()).block(TIMEOUT).state() == TipState.WITHDRAWN);
        moderation.awaitAllReadAbout(tip.tipId());
        ModeratedTip stored = tips.find(tip.tipId()).block(TIMEOUT);
        assertThat(stored.history())
                .extracting(HistoryEntry::kind)
                .containsExactly(HistoryEntry.Kind.RECEIVED, HistoryEntry.Kind.HELD, HistoryEntry.Kind.WITHDRAWN);
        assertThat(stored.decision().note()).isEqualTo("Waiting for the council");
        assertThat(moderation.queuedTipIds()).doesNotContain(tip.tipId());
    }

    @Test
    void aTipDecidedFirstKeepsItsDecisionAndTheHistoryNotesTheLateWithdrawal() throws Exception {
        // Given a tip a moderator approved
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();
        ModeratedTip decided = tips.find(tip.tipId()).block(TIMEOUT);

        // When the resident's withdrawal arrives afterwards, twice
        Instant askedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TipWithdrawn withdrawn = TipWithdrawn.of(tip.tipId(), 2, askedAt);
        moderation.send(withdrawn);
        moderation.send(withdrawn);

        // Then the decision stands, and the history says the resident asked too late, once
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tips.find(tip.tipId()).block(TIMEOUT).withdrawal() != null);
        moderation.awaitAllReadAbout(tip.tipId());
        ModeratedTip stored = tips.find(tip.tipId()).block(TIMEOUT);
        assertThat(stored.state()).isEqualTo(TipState.DECIDED);
        assertThat(stored.decision()).isEqualTo(decided.decision());
        assertThat(stored.revision()).isEqualTo(decided.revision());
        assertThat(stored.withdrawal()).isEqualTo(new Withdrawal(askedAt, true));
        assertThat(stored.history())
                .extracting(HistoryEntry::kind)
                .containsExactly(
                        HistoryEntry.Kind.RECEIVED, HistoryEntry.Kind.DECIDED, HistoryEntry.Kind.WITHDRAWAL_TOO_LATE);

        // And the page says so beside the decision
        assertThat(page(tip.tipId()))
                .contains("id=\"decided\"")
                .contains("id=\"late-withdrawal\"")
                .contains("The decision stands");
    }

    private String page(String tipId) {
        return session.page(web, "/tips/{id}", tipId);
    }
}
