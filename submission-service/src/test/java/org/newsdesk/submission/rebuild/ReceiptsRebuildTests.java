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
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.TipsApi.AcceptedTip;
import org.newsdesk.submission.receipt.Receipts;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
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
        // Given a published tip, a declined one, one still waiting, and one published then withdrawn
        AcceptedTip published = TipsApi.submit(web);
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
        List<String> tipIds = List.of(published.tipId(), declined.tipId(), waiting.tipId(), withdrawn.tipId());
        // (the tips reach the topic through the outbox; the rebuild reads them from there)
        await().atMost(PATIENCE)
                .until(() -> tipIds.stream()
                        .allMatch(id -> Boolean.FALSE.equals(mongo.exists(
                                        org.springframework.data.mongodb.core.query.Query.query(
                                                org.springframework.data.mongodb.core.query.Criteria.where("_id")
                                                        .is(id)
                                                        .and("outbox.eventId")
                                                        .exists(true)),
                                        "tips")
                                .block())));
        List<Document> before = receipts(mongo, tipIds);

        // When the receipts are rebuilt from the log into an empty database
        try (ConfigurableApplicationContext rebuild = new SpringApplicationBuilder(SubmissionApplication.class)
                .run(
                        "--newsdesk.rebuild=true",
                        "--newsdesk.rebuild-exit=false",
                        "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                        "--spring.mongodb.database=newsdesk-submission-rebuilt-" + UUID.randomUUID(),
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString())) {

            // Then every receipt is back, field by field
            assertThat(receipts(rebuild.getBean(ReactiveMongoOperations.class), tipIds))
                    .isEqualTo(before);
        }
    }

    private String status(AcceptedTip tip) {
        Map<String, Object> receipt = TipsApi.receipt(web, tip.receipt());
        return receipt == null ? null : (String) receipt.get("status");
    }

    /** As stored, less the count of writes, which says how the receipt got there, not what it says. */
    private static List<Document> receipts(ReactiveMongoOperations mongo, List<String> tipIds) {
        return tipIds.stream()
                .map(id -> {
                    Document receipt = mongo.findById(id, Document.class, Receipts.COLLECTION)
                            .block(Duration.ofSeconds(10));
                    receipt.remove("version");
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
