package org.newsdesk.moderation.editorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Editors correct and withdraw published stories over the API; each accepted request is one event and one record line. */
@ModerationIntegrationTest
class StoryCorrectionTests {

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    ModerationTestClient moderation;
    Stories stories;
    KafkaTopicProbe probe;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
        stories = new Stories(moderation);
        probe = new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE);
    }

    @Test
    void aCorrectionChangesTheTextKeepsTheFirstOnRecordAndIsAnnouncedOnceWithTheNextRevision() throws Exception {
        // Given a published story
        TipSubmitted tip = stories.published();

        // When an editor corrects its headline only, with a public note
        JsonNode corrected = JSON(stories.correct(
                        tip.tipId(),
                        "{\"headline\":\"Police recruit 283 officers, not 238\",\"note\":\"We gave the wrong number of officers.\"}")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());

        // Then the answer is the recorded correction: the new headline, the body kept, the change named
        assertThat(corrected.get("headline").asString()).isEqualTo("Police recruit 283 officers, not 238");
        assertThat(corrected.get("body").asString()).isEqualTo(TestTips.POLICE_PLAN_BODY);
        assertThat(corrected.get("number").asInt()).isEqualTo(1);
        assertThat(corrected.get("revision").asLong()).isEqualTo(3);
        assertThat(corrected.get("changes").get(0).get("before").asString()).isEqualTo(TestTips.POLICE_PLAN_HEADLINE);

        // And the topic carries the decision, then exactly one correction with the whole text, the next revision,
        // matching its schema
        List<ConsumerRecord<String, String>> announced = awaitAnnouncements(tip.tipId(), 2);
        assertThat(announced).hasSize(2);
        TipDecided decided = Stories.JSON.readValue(announced.get(0).value(), TipDecided.class);
        StoryCorrected correction = Stories.JSON.readValue(announced.get(1).value(), StoryCorrected.class);
        assertThat(correction.revision()).isEqualTo(decided.revision() + 1);
        assertThat(correction.eventId().toString())
                .isEqualTo(corrected.get("eventId").asString());
        assertThat(correction.headline()).isEqualTo("Police recruit 283 officers, not 238");
        assertThat(correction.body()).isEqualTo(TestTips.POLICE_PLAN_BODY);
        assertThat(correction.note()).isEqualTo("We gave the wrong number of officers.");
        assertThat(correction.correctedBy()).isEqualTo(ModerationIntegrationTest.MODERATOR);
        assertThat(Stories.schemaErrors(StoryCorrected.TYPE, announced.get(1).value()))
                .isEmpty();

        // And the tip keeps the text as first published in its decision, beside the correction
        JsonNode stored = JSON(moderation
                .web()
                .get()
                .uri("/api/tips/{tipId}", tip.tipId())
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        assertThat(stored.get("decision").get("headline").asString()).isEqualTo(TestTips.POLICE_PLAN_HEADLINE);

        // And the record holds the correction once, with its event id
        List<JsonNode> lines = recordLines(tip.tipId(), "CORRECTED");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("eventId").asString())
                .isEqualTo(correction.eventId().toString());
        assertThat(lines.get(0).get("actor").asString()).isEqualTo(ModerationIntegrationTest.MODERATOR);
        assertThat(lines.get(0).get("detail").asString()).contains("We gave the wrong number of officers.");
    }

    @Test
    void twoCorrectionsAreTwoEventsInRevisionOrderEachRecordedOnce() throws Exception {
        // Given a published story corrected once
        TipSubmitted tip = stories.published();
        stories.correct(tip.tipId(), "{\"body\":\"First fix.\",\"note\":\"One.\"}")
                .expectStatus()
                .isOk();

        // When the same correction is sent again, as a client retrying would
        stories.correct(tip.tipId(), "{\"body\":\"First fix.\",\"note\":\"One.\"}")
                .expectStatus()
                .isOk();

        // Then it is a second correction (corrections are not idempotent), announced once more, with the next revision
        List<ConsumerRecord<String, String>> announced = awaitAnnouncements(tip.tipId(), 3);
        List<StoryCorrected> corrections = announced.subList(1, 3).stream()
                .map(record -> Stories.JSON.readValue(record.value(), StoryCorrected.class))
                .toList();
        assertThat(corrections).extracting(StoryCorrected::revision).containsExactly(3L, 4L);
        assertThat(corrections).extracting(StoryCorrected::eventId).doesNotHaveDuplicates();
        // And the record has exactly one line per accepted request
        assertThat(recordLines(tip.tipId(), "CORRECTED")).hasSize(2);
    }

    @Test
    void aWithdrawnStoryCanBeNeitherCorrectedNorWithdrawnAgain() throws Exception {
        // Given a published story
        TipSubmitted tip = stories.published();

        // When an editor withdraws it
        JsonNode withdrawn = JSON(stories.retract(tip.tipId(), "{\"reason\":\"The council denied the figures.\"}")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());

        // Then the retraction is announced with the next revision and matches its schema
        List<ConsumerRecord<String, String>> announced = awaitAnnouncements(tip.tipId(), 2);
        StoryRetracted retracted = Stories.JSON.readValue(announced.get(1).value(), StoryRetracted.class);
        assertThat(retracted.revision()).isEqualTo(3);
        assertThat(retracted.reason()).isEqualTo("The council denied the figures.");
        assertThat(retracted.eventId().toString())
                .isEqualTo(withdrawn.get("eventId").asString());
        assertThat(Stories.schemaErrors(StoryRetracted.TYPE, announced.get(1).value()))
                .isEmpty();
        assertThat(recordLines(tip.tipId(), "RETRACTED")).hasSize(1);

        // And neither a correction nor a second withdrawal is accepted
        stories.correct(tip.tipId(), "{\"note\":\"Too late.\"}")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Story withdrawn");
        stories.retract(tip.tipId(), "{\"reason\":\"Again.\"}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Story withdrawn");
        // And nothing more was announced or recorded
        assertThat(probe.records(Topics.TIPS_DECIDED, tip.tipId())).hasSize(2);
        assertThat(recordLines(tip.tipId(), "CORRECTED")).isEmpty();
    }

    @Test
    void onlyAPublishedStoryCanBeCorrectedOrWithdrawn() throws Exception {
        // Given a tip still waiting in the queue, and one declined
        TipSubmitted waiting = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(waiting);
        TipSubmitted declined = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(declined);
        moderation
                .decide(declined.tipId(), "{\"outcome\":\"REJECTED\",\"reason\":\"Not local.\"}")
                .expectStatus()
                .isOk();

        // Then neither can be corrected or withdrawn, and an unknown tip is not found
        for (String tipId : List.of(waiting.tipId(), declined.tipId())) {
            stories.correct(tipId, "{\"note\":\"Fix.\"}")
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Story not published");
            stories.retract(tipId, "{\"reason\":\"Wrong.\"}")
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Story not published");
        }
        String unknown = UUID.randomUUID().toString();
        stories.correct(unknown, "{\"note\":\"Fix.\"}").expectStatus().isNotFound();
        stories.retract(unknown, "{\"reason\":\"Wrong.\"}").expectStatus().isNotFound();
    }

    @Test
    void aCorrectionNeedsANoteAndTextWithinTheLimits() throws Exception {
        // Given a published story
        TipSubmitted tip = stories.published();

        // When corrections without a note, with a blank headline and an overlong body are sent
        stories.correct(tip.tipId(), "{\"headline\":\"New\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("note")
                .jsonPath("$.errors[0].message")
                .isEqualTo("is required");
        stories.correct(tip.tipId(), "{\"headline\":\" \",\"body\":\"" + "x".repeat(20_001) + "\",\"note\":\"n\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'headline')].message")
                .isEqualTo("must not be blank")
                .jsonPath("$.errors[?(@.field == 'body')].message")
                .isEqualTo("must be at most 20000 characters");
        stories.retract(tip.tipId(), "{}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");

        // Then nothing was announced beyond the decision
        assertThat(probe.records(Topics.TIPS_DECIDED, tip.tipId())).hasSize(1);
    }

    @Test
    void aModeratorWhoIsNotAnEditorIsRefused() throws Exception {
        // Given a published story and a moderator without the editor role
        TipSubmitted tip = stories.published();

        // Then correcting, withdrawing and reading the record are refused
        stories.post(
                        "/api/tips/{tipId}/correction",
                        tip.tipId(),
                        "{\"note\":\"Fix.\"}",
                        ModerationIntegrationTest.SECOND_MODERATOR,
                        ModerationIntegrationTest.SECOND_PASSWORD)
                .expectStatus()
                .isForbidden();
        stories.post(
                        "/api/tips/{tipId}/retraction",
                        tip.tipId(),
                        "{\"reason\":\"Wrong.\"}",
                        ModerationIntegrationTest.SECOND_MODERATOR,
                        ModerationIntegrationTest.SECOND_PASSWORD)
                .expectStatus()
                .isForbidden();
        moderation
                .web()
                .get()
                .uri("/api/audit")
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.SECOND_MODERATOR, ModerationIntegrationTest.SECOND_PASSWORD))
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(probe.records(Topics.TIPS_DECIDED, tip.tipId())).hasSize(1);
    }

    private List<ConsumerRecord<String, String>> awaitAnnouncements(String tipId, int count) {
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> probe.records(Topics.TIPS_DECIDED, tipId).size() >= count);
        return probe.records(Topics.TIPS_DECIDED, tipId);
    }

    private List<JsonNode> recordLines(String tipId, String act) {
        JsonNode page = JSON(moderation
                .web()
                .get()
                .uri("/api/audit?act={act}&limit=500", act)
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        return page.get("items")
                .valueStream()
                .filter(item ->
                        item.has("tipId") && item.get("tipId").asString().equals(tipId))
                .toList();
    }

    private static JsonNode JSON(String body) {
        return Stories.JSON.readTree(body);
    }
}
