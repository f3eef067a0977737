package org.newsdesk.moderation.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.moderation.ModerationApplication;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The moderators' tips come back from the log: pending ones pending, decided ones with their decision. */
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

    @Test
    void aRebuildFromTheLogGivesBackTheQueueAndEveryDecision() throws Exception {
        // Given three tips: one approved with an edit, one declined, one still waiting
        ModerationTestClient moderation = new ModerationTestClient(web, kafka);
        TipSubmitted approved = TestTips.policePlan(TestTips.newTipId());
        TipSubmitted declined = TestTips.victimSupport(TestTips.newTipId(), java.time.Instant.now());
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
        List<String> tipIds = List.of(approved.tipId(), declined.tipId(), waiting.tipId());
        List<ModeratedTip> before = tipIds.stream()
                .map(id -> withoutReceivedAt(tips.find(id).block(TIMEOUT)))
                .toList();

        // When the moderators' tips are rebuilt from the log into an empty database
        try (ConfigurableApplicationContext rebuild = new SpringApplicationBuilder(ModerationApplication.class)
                .run(
                        "--newsdesk.rebuild=true",
                        "--newsdesk.rebuild-exit=false",
                        "--newsdesk.moderator.password=" + ModerationIntegrationTest.MODERATOR_PASSWORD,
                        "--newsdesk.privacy.key=" + ModerationIntegrationTest.PRIVACY_KEY,
                        "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                        "--spring.mongodb.database=newsdesk-moderation-rebuilt-" + UUID.randomUUID(),
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString())) {

            // Then each tip is back as it was: state, decision with its original text, revisions
            ModeratedTips rebuilt = rebuild.getBean(ModeratedTips.class);
            assertThat(tipIds.stream()
                            .map(id -> withoutReceivedAt(rebuilt.find(id).block(TIMEOUT)))
                            .toList())
                    .isEqualTo(before);
        }
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
