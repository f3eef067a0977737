package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Every outcome a moderator can choose, as recorded, as announced, and as the tip's history tells it. */
@ModerationIntegrationTest
class TipOutcomeTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final PhotoReference CROWD =
            new PhotoReference("665f1c2e9b1e8a3d4c5b6a71", "image/jpeg", 48_213, "a".repeat(64), 1200, 800);
    private static final PhotoReference BANNER =
            new PhotoReference("665f1c2e9b1e8a3d4c5b6a72", "image/webp", 31_002, "b".repeat(64), 1024, 768);

    @Autowired
    WebTestClient webTestClient;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    ModerationTestClient moderation;
    KafkaTopicProbe probe;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(webTestClient, kafka);
        probe = new KafkaTopicProbe(broker.getBrokersAsString(), ModerationTestClient.PATIENCE);
    }

    @Test
    void anApprovalWithEditsAndChosenPhotosIsAnnouncedAndTheHistoryKeepsTheResidentsWords() throws Exception {
        // Given a tip with two photos, claimed by a moderator
        TipSubmitted tip = TipSubmitted.of(
                TestTips.newTipId(),
                "c".repeat(64),
                TestTips.POLICE_PLAN_HEADLINE,
                TestTips.POLICE_PLAN_BODY,
                "Erewash",
                "crime",
                new TipSubmitted.Contact("Sam Resident", "sam@example.org", "07700 900123"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                LocalDate.of(2023, 5, 2),
                true,
                List.of(CROWD, BANNER));
        moderation.submitAndAwaitQueued(tip);
        claim(tip.tipId());

        // When they approve it with a new headline and body and only the second photo, captioned
        String headline = "Derbyshire police reach recruitment target six months early";
        String body = "Derbyshire Constabulary has recruited all 283 additional officers ahead of its deadline.";
        decide(
                        tip.tipId(),
                        Map.of(
                                "outcome",
                                "APPROVED",
                                "headline",
                                headline,
                                "body",
                                body,
                                "photos",
                                List.of(Map.of(
                                        "id", BANNER.id(), "caption", "New officers at their passing-out parade"))))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.photos[0].photo.id")
                .isEqualTo(BANNER.id())
                .jsonPath("$.photos.length()")
                .isEqualTo(1);

        // Then the event carries the edited text and the chosen photo with its caption
        TipDecided event = onlyEvent(tip.tipId(), 2);
        assertThat(event.outcome()).isEqualTo(TipDecided.Outcome.APPROVED);
        assertThat(event.headline()).isEqualTo(headline);
        assertThat(event.body()).isEqualTo(body);
        assertThat(event.photos()).hasSize(1);
        assertThat(event.photos().get(0).photo()).isEqualTo(BANNER);
        assertThat(event.photos().get(0).caption()).isEqualTo("New officers at their passing-out parade");

        // And the tip shows all the resident sent but their contact details, and a history of who did what, with the
        // words before each edit
        Map<String, Object> view = tipView(tip.tipId());
        Map<String, Object> submission = map(view.get("submission"));
        assertThat(submission)
                .containsEntry("headline", TestTips.POLICE_PLAN_HEADLINE)
                .containsEntry("contactConsent", true)
                .containsEntry("happenedOn", "2023-05-02");
        // (the contact details only ever show on the tip's page, where each showing is on record)
        assertThat(submission).doesNotContainKey("contact").containsEntry("contactGiven", true);
        List<Map<String, Object>> history = list(view.get("history"));
        assertThat(history)
                .extracting(entry -> entry.get("kind"))
                .containsExactly("RECEIVED", "CLAIMED", "EDITED", "DECIDED");
        assertThat(history.get(1)).containsEntry("by", "moderator").containsEntry("byName", "Duty Editor");
        List<Map<String, Object>> changes = list(history.get(2).get("changes"));
        assertThat(changes)
                .containsExactly(
                        Map.of("field", "headline", "before", TestTips.POLICE_PLAN_HEADLINE, "after", headline),
                        Map.of("field", "body", "before", TestTips.POLICE_PLAN_BODY, "after", body));
        assertThat(history.get(3).get("why")).asString().startsWith("Approved with 1 photo");
    }

    @Test
    void aPhotoTheResidentNeverSentCannotBeChosen() throws Exception {
        // Given a tip without photos
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);

        // When a moderator approves it with a photo id from elsewhere
        // Then it is a 400 naming the photo, and the tip still waits
        decide(tip.tipId(), Map.of("outcome", "APPROVED", "photos", List.of(Map.of("id", CROWD.id()))))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photos[0].id");
        assertThat(moderation.queuedTipIds()).contains(tip.tipId());
    }

    @Test
    void aRejectionWithAConfiguredReasonTellsTheResidentItsWordingAndTheModeratorsExtraWords() throws Exception {
        // Given a tip in the queue
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);

        // When a moderator rejects it for a configured reason, with a sentence of their own
        decide(
                        tip.tipId(),
                        Map.of("outcome", "REJECTED", "reasonCode", "not-local", "reason", "Try the Derby Telegraph."))
                .expectStatus()
                .isOk();

        // Then the event carries the code, and the reason the resident reads is the wording and the sentence
        TipDecided event = onlyEvent(tip.tipId(), 2);
        assertThat(event.outcome()).isEqualTo(TipDecided.Outcome.REJECTED);
        assertThat(event.reasonCode()).isEqualTo("not-local");
        assertThat(event.reason())
                .isEqualTo("It is not about our area, so it is not for us to report. " + "Try the Derby Telegraph.");
    }

    @Test
    void anUnknownReasonCodeIsA400ListingTheConfiguredOnes() throws Exception {
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);

        decide(tip.tipId(), Map.of("outcome", "REJECTED", "reasonCode", "boring"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reasonCode")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("not-local"));
    }

    @Test
    void aHeldTipGoesBackToTheQueueWithItsNoteAndIsDecidedAgainLaterAtAHigherRevision() throws Exception {
        // Given a claimed tip
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        claim(tip.tipId());

        // When the moderator puts it on hold with a note
        decide(tip.tipId(), Map.of("outcome", "HELD", "note", "Waiting for the force to confirm the figure"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(2);

        // Then it is back in the queue, unclaimed, showing the note, and the hold is announced
        ModerationTestClient.QueueEntry entry = moderation.queue().stream()
                .filter(queued -> queued.tipId().equals(tip.tipId()))
                .findFirst()
                .orElseThrow();
        assertThat(entry.heldNote()).isEqualTo("Waiting for the force to confirm the figure");
        assertThat(entry.claim()).isNull();
        TipDecided held = onlyEvent(tip.tipId(), 2);
        assertThat(held.outcome()).isEqualTo(TipDecided.Outcome.HELD);
        assertThat(held.note()).isEqualTo("Waiting for the force to confirm the figure");
        assertThat(held.reason()).isNull();

        // When it is approved later
        decide(tip.tipId(), Map.of("outcome", "APPROVED"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(3);

        // Then the approval follows the hold with a higher revision, and the history has both
        TipDecided approved = onlyEvent(tip.tipId(), 3);
        assertThat(approved.outcome()).isEqualTo(TipDecided.Outcome.APPROVED);
        assertThat(list(tipView(tip.tipId()).get("history")))
                .extracting(history -> history.get("kind"))
                .containsExactly("RECEIVED", "CLAIMED", "HELD", "DECIDED");
        assertThat(moderation.queuedTipIds()).doesNotContain(tip.tipId());
    }

    @Test
    void aDuplicateNamesTheTipItRepeatsAndTellsTheResidentWhy() throws Exception {
        // Given two tips about the same news
        TipSubmitted first = TestTips.policePlan(TestTips.newTipId());
        TipSubmitted repeat = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(first);
        moderation.submitAndAwaitQueued(repeat);

        // When a moderator marks the second a duplicate of the first
        decide(repeat.tipId(), Map.of("outcome", "DUPLICATE", "duplicateOf", first.tipId()))
                .expectStatus()
                .isOk();

        // Then the event names the first tip and gives the resident a reason
        TipDecided event = onlyEvent(repeat.tipId(), 2);
        assertThat(event.outcome()).isEqualTo(TipDecided.Outcome.DUPLICATE);
        assertThat(event.duplicateOf()).isEqualTo(first.tipId());
        assertThat(event.reason()).isNotBlank();
        assertThat(moderation.queuedTipIds()).contains(first.tipId()).doesNotContain(repeat.tipId());
    }

    @Test
    void aDuplicateOfNoKnownTipOrOfItselfIsA400() throws Exception {
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);

        decide(tip.tipId(), Map.of("outcome", "DUPLICATE", "duplicateOf", TestTips.newTipId()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("duplicateOf");
        decide(tip.tipId(), Map.of("outcome", "DUPLICATE", "duplicateOf", tip.tipId()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("duplicateOf");
        decide(tip.tipId(), Map.of("outcome", "HELD"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("note");
    }

    private void claim(String tipId) {
        webTestClient
                .post()
                .uri("/api/tips/{tipId}/claim", tipId)
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private WebTestClient.ResponseSpec decide(String tipId, Map<String, Object> decision) {
        return webTestClient
                .post()
                .uri("/api/tips/{tipId}/decision", tipId)
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(decision)
                .exchange();
    }

    private Map<String, Object> tipView(String tipId) {
        return webTestClient
                .get()
                .uri("/api/tips/{tipId}", tipId)
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    /** The one decision of this revision on the topic (the relay may send a copy: same event id). */
    private TipDecided onlyEvent(String tipId, long revision) {
        return await().atMost(ModerationTestClient.PATIENCE)
                .until(
                        () -> probe.records(Topics.TIPS_DECIDED, tipId).stream()
                                .map(ConsumerRecord::value)
                                .map(value -> JSON.readValue(value, TipDecided.class))
                                .filter(event -> event.revision() == revision)
                                .findFirst()
                                .orElse(null),
                        event -> event != null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
