package org.newsdesk.submission.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.SubmissionApplication;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TestClock;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.TipsApi.AcceptedTip;
import org.newsdesk.submission.receipt.Receipts;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Receipts are a read model: dropped, they come back from the log with the same statuses. */
@SubmissionIntegrationTest
class ReceiptsRebuildTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void aRebuildFromTheLogGivesTheSameReceipts() throws Exception {
        // Given a published tip, a declined one, one still waiting, one published then withdrawn,
        // and one its resident withdrew and then erased their contact details of
        AcceptedTip published = TipsApi.submit(web);
        AcceptedTip takenBack = TipsApi.submit(web);
        TipsApi.act(web, takenBack.receipt(), "withdrawal").expectStatus().isOk();
        TipsApi.act(web, takenBack.receipt(), "erasure").expectStatus().isOk();
        AcceptedTip withdrawn = TipsApi.submit(web);
        AcceptedTip declined = TipsApi.submit(web);
        AcceptedTip waiting = TipsApi.submit(web);
        send(decision(published.tipId(), TipDecided.Outcome.APPROVED, null));
        send(new StoryPublished(
                UUID.randomUUID(),
                StoryPublished.SCHEMA_VERSION,
                now(),
                published.tipId(),
                1,
                "lights-out",
                "Lights out",
                "http://localhost:8083/stories/lights-out",
                now()));
        send(decision(declined.tipId(), TipDecided.Outcome.REJECTED, "Not local news"));
        send(decision(withdrawn.tipId(), TipDecided.Outcome.APPROVED, null));
        send(new StoryPublished(
                UUID.randomUUID(),
                StoryPublished.SCHEMA_VERSION,
                now(),
                withdrawn.tipId(),
                1,
                "lights-back",
                "Lights back",
                "http://localhost:8083/stories/lights-back",
                now()));
        await().atMost(PATIENCE).until(() -> "PUBLISHED".equals(status(withdrawn)));
        send(new StoryRetracted(
                UUID.randomUUID(),
                StoryRetracted.SCHEMA_VERSION,
                now(),
                withdrawn.tipId(),
                3,
                "The lights were never out: the report mixed up two streets.",
                "editor",
                now()));
        await().atMost(PATIENCE)
                .until(() -> "WITHDRAWN".equals(status(withdrawn))
                        && "PUBLISHED".equals(status(published))
                        && "DECLINED".equals(status(declined))
                        && "RECEIVED".equals(status(waiting)));
        List<String> tipIds =
                List.of(published.tipId(), declined.tipId(), waiting.tipId(), withdrawn.tipId(), takenBack.tipId());
        // (the tips reach the topic through the outbox; the rebuild reads them from there)
        await().atMost(PATIENCE).until(() -> tipIds.stream().allMatch(this::relayed));
        List<Document> before = receipts(mongo, tipIds);

        // When the receipts are rebuilt from the log into an empty database
        try (ConfigurableApplicationContext rebuild = rebuild()) {

            // Then every receipt is back, field by field, the resident's withdrawal and erasure included
            List<Document> after = receipts(rebuild.getBean(ReactiveMongoOperations.class), tipIds);
            assertThat(after).isEqualTo(before);
            // and each names its tip by its headline, as the status page shows it
            assertThat(after)
                    .allSatisfy(receipt -> assertThat(receipt.getString("headline"))
                            .isEqualTo(TipJson.complete().get("headline")));
            assertThat(after.get(4))
                    .containsEntry("status", "WITHDRAWN")
                    .containsEntry("erasedBy", "RESIDENT")
                    .containsKeys("withdrawnAt", "contactErasedAt");
        }
    }

    @Test
    void aRebuiltReceiptOfAnErasedTipIsDueAtOnceSoTheSweepMakesSureTheErasureWasFinished() throws Exception {
        // Given a tip whose resident erased their contact details, once its events are on the topic
        AcceptedTip erased = TipsApi.submit(web);
        TipsApi.act(web, erased.receipt(), "erasure").expectStatus().isOk();
        await().atMost(PATIENCE).until(() -> relayed(erased.tipId()));

        // When the receipts are rebuilt
        try (ConfigurableApplicationContext rebuild = rebuild()) {

            // Then the rebuilt receipt knows what was erased, and is due for the sweep from that moment
            Document receipt = rebuild.getBean(ReactiveMongoOperations.class)
                    .findById(erased.tipId(), Document.class, Receipts.COLLECTION)
                    .block(Duration.ofSeconds(10));
            assertThat(receipt.get("contactErasableAt")).isEqualTo(receipt.get("contactErasedAt"));
            assertThat(receipt).containsEntry("erasedBy", "RESIDENT").containsEntry("erasureFinished", false);
        }
    }

    /** A rebuild run into an empty database, from the test's broker. */
    private ConfigurableApplicationContext rebuild() {
        return new SpringApplicationBuilder(SubmissionApplication.class)
                .run(
                        "--newsdesk.rebuild=true",
                        "--newsdesk.rebuild-exit=false",
                        "--" + TestClock.PRIVACY_KEY,
                        "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                        "--spring.mongodb.database=newsdesk-submission-rebuilt-" + UUID.randomUUID(),
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString());
    }

    /** Whether every event of the tip left its outbox for the topic, where a rebuild reads it. */
    private boolean relayed(String tipId) {
        return Boolean.FALSE.equals(mongo.exists(
                        Query.query(Criteria.where("_id")
                                .is(tipId)
                                .and("outbox.eventId")
                                .exists(true)),
                        "tips")
                .block());
    }

    private String status(AcceptedTip tip) {
        Map<String, Object> receipt = TipsApi.receipt(web, tip.receipt());
        return receipt == null ? null : (String) receipt.get("status");
    }

    /**
     * As stored, less the count of writes, which says how the receipt got there, not what it says,
     * and less whether an erasure was finished, which the log cannot tell (see the next test).
     */
    private static List<Document> receipts(ReactiveMongoOperations mongo, List<String> tipIds) {
        return tipIds.stream()
                .map(id -> {
                    Document receipt = mongo.findById(id, Document.class, Receipts.COLLECTION)
                            .block(Duration.ofSeconds(10));
                    receipt.remove("version");
                    receipt.remove("erasureFinished");
                    receipt.remove("contactErasableAt");
                    return receipt;
                })
                .toList();
    }

    private void send(NewsdeskEvent event) throws Exception {
        String topic = event instanceof StoryPublished ? Topics.STORIES_PUBLISHED : Topics.TIPS_DECIDED;
        kafka.send(topic, event.tipId(), event).get(10, TimeUnit.SECONDS);
    }

    private static TipDecided decision(String tipId, TipDecided.Outcome outcome, String reason) {
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                now(),
                tipId,
                2,
                outcome,
                "Lights out",
                "Street lights out for a week.",
                "Erewash",
                "Roads",
                reason,
                "moderator",
                now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
