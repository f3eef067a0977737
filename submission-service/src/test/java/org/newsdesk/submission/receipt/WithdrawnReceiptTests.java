package org.newsdesk.submission.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.DistinctClients;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.TipsApi.AcceptedTip;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** A story the editors withdraw: its resident's receipt says so, for good, and why. */
@SubmissionIntegrationTest
class WithdrawnReceiptTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final String REASON = "The council has since said the figures in the report were wrong.";

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    /** The service's consumer group, as configured in its yml. */
    @Value("${spring.kafka.consumer.group-id}")
    String serviceGroup;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void aRetractedStorysReceiptSaysWithdrawnWithTheReasonAndNothingBringsPublishedBack() {
        // Given a tip whose story was published
        AcceptedTip tip = TipsApi.submit(web);
        var approval = ReceiptStatusTests.approved(tip.tipId());
        StoryPublished story = ReceiptStatusTests.published(tip.tipId(), "street-lights-" + tip.tipId());
        send(Topics.TIPS_DECIDED, approval);
        send(Topics.STORIES_PUBLISHED, story);
        awaitStatus(tip.receipt(), "PUBLISHED");

        // When the editors correct it (nothing for the receipt), then withdraw it
        probe.awaitConsumed(serviceGroup, send(Topics.TIPS_DECIDED, corrected(tip.tipId())));
        assertThat(TipsApi.receipt(web, tip.receipt())).containsEntry("status", "PUBLISHED");
        send(Topics.TIPS_DECIDED, retracted(tip.tipId()));

        // Then the receipt says withdrawn, with the public reason, and no longer links the story
        Map<String, Object> withdrawn = awaitStatus(tip.receipt(), "WITHDRAWN");
        assertThat(withdrawn).containsEntry("reason", REASON).doesNotContainKey("storyUrl");

        // When the decision, the story (also a newer revision of it) and the retraction arrive again
        send(Topics.TIPS_DECIDED, approval);
        send(Topics.STORIES_PUBLISHED, story);
        send(Topics.TIPS_DECIDED, retracted(tip.tipId()));
        probe.awaitConsumed(serviceGroup, send(Topics.STORIES_PUBLISHED, newerRevision(story)));
        probe.awaitConsumed(serviceGroup, send(Topics.TIPS_DECIDED, approval));

        // Then the receipt is exactly as it was: withdrawn
        assertThat(TipsApi.receipt(web, tip.receipt())).isEqualTo(withdrawn);
    }

    @Test
    void aRetractionReadBeforeTheStoryStillWins() {
        // Given a tip approved, whose retraction is read before its story is
        AcceptedTip tip = TipsApi.submit(web);
        send(Topics.TIPS_DECIDED, ReceiptStatusTests.approved(tip.tipId()));
        awaitStatus(tip.receipt(), "IN_REVIEW");
        probe.awaitConsumed(serviceGroup, send(Topics.TIPS_DECIDED, retracted(tip.tipId())));

        // When the story is read at last
        probe.awaitConsumed(
                serviceGroup,
                send(Topics.STORIES_PUBLISHED, ReceiptStatusTests.published(tip.tipId(), "late-" + tip.tipId())));

        // Then the receipt says withdrawn
        assertThat(TipsApi.receipt(web, tip.receipt()))
                .containsEntry("status", "WITHDRAWN")
                .containsEntry("reason", REASON)
                .doesNotContainKey("storyUrl");
    }

    @Test
    void theStatusPageTellsTheResidentTheStoryWasWithdrawnAndWhy() {
        // Given a tip whose story was published and then withdrawn
        AcceptedTip tip = TipsApi.submit(web);
        send(Topics.TIPS_DECIDED, ReceiptStatusTests.approved(tip.tipId()));
        send(Topics.STORIES_PUBLISHED, ReceiptStatusTests.published(tip.tipId(), "withdrawn-" + tip.tipId()));
        awaitStatus(tip.receipt(), "PUBLISHED");
        send(Topics.TIPS_DECIDED, retracted(tip.tipId()));
        awaitStatus(tip.receipt(), "WITHDRAWN");

        // When the resident checks their code on the status page
        String page = web.post()
                .uri("/status")
                .header("X-Forwarded-For", DistinctClients.randomClient())
                .accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("receipt", tip.receipt()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then it says, in plain words, that the story was taken down, and why, and links no story
        assertThat(page)
                .contains("Withdrawn", "the editors have since taken the story down", REASON)
                .doesNotContain("Read the story", "withdrawn-" + tip.tipId());
    }

    private Map<String, Object> awaitStatus(String receipt, String status) {
        return await().atMost(PATIENCE)
                .until(
                        () -> TipsApi.receipt(web, receipt),
                        found -> found != null && status.equals(found.get("status")));
    }

    private RecordMetadata send(String topic, NewsdeskEvent event) {
        try {
            return kafka.send(topic, event.tipId(), event)
                    .get(10, TimeUnit.SECONDS)
                    .getRecordMetadata();
        } catch (Exception ex) {
            throw new IllegalStateException("Could not send " + event + " to " + topic, ex);
        }
    }

    private static StoryCorrected corrected(String tipId) {
        Instant now = now();
        return new StoryCorrected(
                UUID.randomUUID(),
                StoryCorrected.SCHEMA_VERSION,
                now,
                tipId,
                3,
                "Street lights out on Derby Road",
                "A third of the street lights have been out for a week.",
                "An earlier version said half of the lights were out.",
                "editor",
                now);
    }

    /** The same retraction each time, as a redelivery carries it. */
    private static StoryRetracted retracted(String tipId) {
        Instant at = Instant.parse("2026-12-05T10:15:30Z");
        return new StoryRetracted(
                UUID.nameUUIDFromBytes(("retraction:" + tipId).getBytes()),
                StoryRetracted.SCHEMA_VERSION,
                at,
                tipId,
                4,
                REASON,
                "editor",
                at);
    }

    private static StoryPublished newerRevision(StoryPublished story) {
        return new StoryPublished(
                UUID.randomUUID(),
                StoryPublished.SCHEMA_VERSION,
                story.occurredAt(),
                story.tipId(),
                story.revision() + 1,
                story.slug(),
                story.headline(),
                story.url(),
                story.publishedAt());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
