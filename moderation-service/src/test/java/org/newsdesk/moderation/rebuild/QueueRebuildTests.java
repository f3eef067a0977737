package org.newsdesk.moderation.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.TipWithdrawn;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.moderation.ModerationApplication;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.HistoryEntry;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.TipState;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The moderators' tips come back from the log: pending ones pending, decided ones with their
 * decision, withdrawn ones withdrawn, erased contact details erased.
 */
@ModerationIntegrationTest
class QueueRebuildTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ModeratedTips tips;

    @Autowired
    Outbox tipOutbox;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ContactVault vault;

    @Test
    void aRebuildFromTheLogGivesBackTheQueueAndEveryDecision() throws Exception {
        // Given three tips: one approved with an edit, one declined, one still waiting
        ModerationTestClient moderation = new ModerationTestClient(web, kafka);
        TipSubmitted approved = TestTips.policePlan(TestTips.newTipId());
        TipSubmitted declined = TestTips.victimSupport(TestTips.newTipId(), Instant.now());
        TipSubmitted waiting = TestTips.policePlan(TestTips.newTipId());
        for (TipSubmitted tip : List.of(approved, declined, waiting)) {
            moderation.submitAndAwaitQueued(tip);
        }
        moderation
                .decide(approved.tipId(), "{\"outcome\":\"APPROVED\",\"headline\":\"Police plan: 283 more officers\"}")
                .expectStatus()
                .isOk();
        moderation
                .decide(declined.tipId(), "{\"outcome\":\"REJECTED\",\"reason\":\"Already covered\"}")
                .expectStatus()
                .isOk();
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tipOutbox.isEmpty(approved.tipId()).block(TIMEOUT)
                        && tipOutbox.isEmpty(declined.tipId()).block(TIMEOUT));
        // And publishing's announcement of the approved tip's story
        String story = "http://localhost:8083/news/police-plan-" + approved.tipId();
        moderation.storyPublished(approved.tipId(), 2, story);
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tips.find(approved.tipId()).block(TIMEOUT).story() != null);
        List<String> tipIds = List.of(approved.tipId(), declined.tipId(), waiting.tipId());
        List<ModeratedTip> before = tipIds.stream()
                .map(id -> withoutReceivedAt(tips.find(id).block(TIMEOUT)))
                .toList();

        // When the moderators' tips are rebuilt from the log into an empty database
        try (ConfigurableApplicationContext rebuild = rebuild()) {

            // Then each tip is back as it was: state, decision with its original text, revisions
            ModeratedTips rebuilt = rebuild.getBean(ModeratedTips.class);
            assertThat(tipIds.stream()
                            .map(id -> withoutReceivedAt(rebuilt.find(id).block(TIMEOUT)))
                            .toList())
                    .isEqualTo(before);
            // And the published tip still links its story
            assertThat(rebuilt.find(approved.tipId()).block(TIMEOUT).story().url())
                    .isEqualTo(story);
        }
    }

    @Test
    void aRebuildShowsWithdrawnTipsWithdrawnAndErasedContactDetailsErased() throws Exception {
        // Given a tip withdrawn while waiting, one withdrawn after its decision, and one whose sealed
        // contact details were erased
        ModerationTestClient moderation = new ModerationTestClient(web, kafka);
        TipSubmitted withdrawn = TestTips.policePlan(TestTips.newTipId());
        TipSubmitted decidedFirst = TestTips.policePlan(TestTips.newTipId());
        String erasedId = TestTips.newTipId();
        TipSubmitted erased = TestTips.sealed(
                erasedId,
                "Belper",
                vault.seal(erasedId, new ContactDetails("Sam Sealed", "sam.sealed@example.org", null))
                        .block(TIMEOUT),
                List.of());
        for (TipSubmitted tip : List.of(withdrawn, decidedFirst, erased)) {
            moderation.submitAndAwaitQueued(tip);
        }
        moderation
                .decide(decidedFirst.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();
        moderation.send(TipWithdrawn.of(withdrawn.tipId(), 2, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        moderation.send(TipWithdrawn.of(decidedFirst.tipId(), 2, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        vault.erase(erasedId).block(TIMEOUT);
        moderation.send(ContactErased.of(
                erasedId, 2, Instant.now().truncatedTo(ChronoUnit.MILLIS), ContactErased.Cause.RESIDENT, false));
        for (String tipId : List.of(withdrawn.tipId(), decidedFirst.tipId(), erasedId)) {
            moderation.awaitAllReadAbout(tipId);
        }
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tipOutbox.isEmpty(decidedFirst.tipId()).block(TIMEOUT));
        List<String> tipIds = List.of(withdrawn.tipId(), decidedFirst.tipId(), erasedId);
        List<String> live = tipIds.stream()
                .map(id -> residentsSide(tips.find(id).block(TIMEOUT)))
                .toList();

        // When the moderators' tips are rebuilt from the log into an empty database
        try (ConfigurableApplicationContext rebuild = rebuild()) {

            // Then each tip is as it is live: withdrawn, decided with the late request noted, erased
            ModeratedTips rebuilt = rebuild.getBean(ModeratedTips.class);
            List<ModeratedTip> found =
                    tipIds.stream().map(id -> rebuilt.find(id).block(TIMEOUT)).toList();
            assertThat(found.stream().map(QueueRebuildTests::residentsSide).toList())
                    .isEqualTo(live);
            assertThat(found.get(0).state()).isEqualTo(TipState.WITHDRAWN);
            assertThat(found.get(1).state()).isEqualTo(TipState.DECIDED);
            assertThat(found.get(1).withdrawal().afterDecision()).isTrue();
            assertThat(found.get(2).submission().sealedContact()).isNull();
            assertThat(found.get(2).erasure().cause()).isEqualTo(ContactErased.Cause.RESIDENT);
        }
    }

    private ConfigurableApplicationContext rebuild() {
        return new SpringApplicationBuilder(ModerationApplication.class)
                .run(
                        "--newsdesk.rebuild=true",
                        "--newsdesk.rebuild-exit=false",
                        "--newsdesk.moderator.password=" + ModerationIntegrationTest.MODERATOR_PASSWORD,
                        "--newsdesk.privacy.key=" + ModerationIntegrationTest.PRIVACY_KEY,
                        "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                        "--spring.mongodb.database=newsdesk-moderation-rebuilt-" + UUID.randomUUID(),
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString());
    }

    /** What the resident's side of the log decides: state, withdrawal, erasure, the contact details kept. */
    private static String residentsSide(ModeratedTip tip) {
        return tip.tipId() + " " + tip.state() + " " + tip.withdrawal() + " " + tip.erasure() + " "
                + tip.submission().hasContact() + " "
                + tip.history().stream()
                        .map(HistoryEntry::kind)
                        .filter(kind -> kind != HistoryEntry.Kind.CLAIMED && kind != HistoryEntry.Kind.RELEASED)
                        .toList();
    }

    /** When this service first stored a tip is not in the log; a rebuild takes the submission's time. */
    private static ModeratedTip withoutReceivedAt(ModeratedTip tip) {
        return new ModeratedTip(
                tip.tipId(),
                tip.submission(),
                tip.state(),
                tip.decision(),
                tip.revision(),
                tip.submissionRevision(),
                null);
    }
}
