package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
import org.springframework.kafka.support.mapping.AbstractJavaTypeMapper;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

@ModerationIntegrationTest
class TipDecisionTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void approvingWithAnEditedHeadlineKeepsTheOriginalAndAnnouncesTheEdit() throws Exception {
        // Given a tip in the queue
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        String edited = "Derbyshire police reach recruitment target six months early";

        // When a moderator approves it with a sharper headline
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\",\"headline\":\"" + edited + "\"}")
                // Then the recorded decision shows the edit beside the resident's own words
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.tipId")
                .isEqualTo(tip.tipId())
                .jsonPath("$.outcome")
                .isEqualTo("APPROVED")
                .jsonPath("$.headline")
                .isEqualTo(edited)
                .jsonPath("$.body")
                .isEqualTo(TestTips.POLICE_PLAN_BODY)
                .jsonPath("$.original.headline")
                .isEqualTo(TestTips.POLICE_PLAN_HEADLINE)
                .jsonPath("$.original.body")
                .isEqualTo(TestTips.POLICE_PLAN_BODY)
                .jsonPath("$.edits")
                .isEqualTo(List.of("headline"))
                .jsonPath("$.decidedBy")
                .isEqualTo(ModerationIntegrationTest.MODERATOR)
                .jsonPath("$.decidedAt")
                .isNotEmpty();

        // And the rest of Newsdesk hears of it, keyed by the tip, under its logical type name
        ConsumerRecord<String, String> announced = awaitOneDecision(tip.tipId());
        Header type = announced.headers().lastHeader(AbstractJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME);
        assertThat(new String(type.value(), StandardCharsets.UTF_8)).isEqualTo(TipDecided.TYPE);
        TipDecided event = JSON.readValue(announced.value(), TipDecided.class);
        assertThat(event.outcome()).isEqualTo(TipDecided.Outcome.APPROVED);
        assertThat(event.headline()).isEqualTo(edited);
        assertThat(event.body()).isEqualTo(TestTips.POLICE_PLAN_BODY);
        assertThat(event.area()).isEqualTo("Erewash");
        assertThat(event.category()).isEqualTo("crime");
        assertThat(event.decidedBy()).isEqualTo(ModerationIntegrationTest.MODERATOR);
        assertThat(event.schemaVersion()).isEqualTo(TipDecided.SCHEMA_VERSION);

        // And the tip has left the queue
        assertThat(moderation.queuedTipIds()).doesNotContain(tip.tipId());
    }

    @Test
    void decliningRequiresAReasonAndAnnouncesIt() throws Exception {
        // Given a tip in the queue
        TipSubmitted tip = TestTips.victimSupport(TestTips.newTipId(), java.time.Instant.now());
        moderation.submitAndAwaitQueued(tip);

        // When a moderator declines it without saying why
        // Then they are told the reason is missing, and the tip stays undecided
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"REJECTED\"}")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        assertThat(moderation.queuedTipIds()).contains(tip.tipId());

        // When they decline it with a reason
        String reason = "This is a press release, not a tip: please tell us what you saw yourself.";
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"REJECTED\",\"reason\":\"" + reason + "\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.outcome")
                .isEqualTo("REJECTED")
                .jsonPath("$.reason")
                .isEqualTo(reason)
                .jsonPath("$.edits")
                .isEmpty();

        // Then the reason travels with the announcement
        TipDecided event = JSON.readValue(awaitOneDecision(tip.tipId()).value(), TipDecided.class);
        assertThat(event.outcome()).isEqualTo(TipDecided.Outcome.REJECTED);
        assertThat(event.reason()).isEqualTo(reason);
        assertThat(event.headline()).isEqualTo(TestTips.VICTIM_SUPPORT_HEADLINE);
    }

    @Test
    void unknownTipIsNotFound() {
        // Given a tip id nobody submitted
        String tipId = TestTips.newTipId();

        // When a moderator tries to decide it
        // Then the answer is a 404 problem
        moderation
                .decide(tipId, "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404);
    }

    @Test
    void aTipIsDecidedOnlyOnce() throws Exception {
        // Given a tip that was approved
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();

        // When a second decision arrives
        // Then it is refused with a 409 that says who decided
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"REJECTED\",\"reason\":\"Duplicate\"}")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.outcome")
                .isEqualTo("APPROVED")
                .jsonPath("$.decidedBy")
                .isEqualTo(ModerationIntegrationTest.MODERATOR);
        // And the first decision is the only one announced
        assertThat(awaitOneDecision(tip.tipId()).value()).contains("\"APPROVED\"");
    }

    @Test
    void aClientThatCannotReadJsonIsRefusedBeforeAnythingIsDecided() throws Exception {
        // Given a tip in the queue
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);

        // When a moderator's client that only accepts HTML approves it
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}", MediaType.TEXT_HTML)
                // Then it is refused as not acceptable, on a page, the one thing it said it reads
                .expectStatus()
                .isEqualTo(406)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML);

        // And nothing was decided: the tip still waits in the queue, so the moderator's retry is no 409
        assertThat(moderation.queuedTipIds()).contains(tip.tipId());
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}", MediaType.APPLICATION_JSON)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{}                                                  | outcome",
                "null                                                | outcome",
                "{\"outcome\":\"PUBLISHED\"}                         | outcome",
                "{\"outcome\":\"approved\"}                          | outcome",
                "{\"outcome\":\"APPROVED\",\"headline\":\"   \"}     | headline",
                "{\"outcome\":\"APPROVED\",\"body\":\"\"}            | body",
                "{\"outcome\":\"REJECTED\",\"reason\":\" \"}         | reason",
                "{\"outcome\":{\"nested\":true}}                     | outcome"
            })
    void badInputIsA400NamingTheField(String json, String field) {
        // Given any tip id: input is checked before the tip is looked up
        // When a moderator sends a bad decision
        // Then the problem names the field
        moderation
                .decide(TestTips.newTipId(), json)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }

    @Test
    void tooLongTextIsA400NamingTheField() {
        // Given a body longer than any story
        String body = "a".repeat(DecisionRequest.MAX_BODY + 1);

        // When a moderator sends it
        // Then the problem names the body and its limit
        moderation
                .decide(TestTips.newTipId(), "{\"outcome\":\"APPROVED\",\"body\":\"" + body + "\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("body")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains(String.valueOf(DecisionRequest.MAX_BODY)));
    }

    @Test
    void malformedJsonIsA400Problem() {
        // Given a request body that is not JSON at all
        // When it is sent as JSON
        // Then the answer is a 400 problem, not a server error
        moderation
                .decide(TestTips.newTipId(), "{\"outcome\": APPROVED")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("JSON"));
    }

    @Test
    void nonJsonIsA415Problem() {
        // Given a form post instead of JSON
        // When it is sent
        // Then the answer is a 415 problem
        moderation
                .web()
                .post()
                .uri("/api/tips/{tipId}/decision", TestTips.newTipId())
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("outcome=APPROVED")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void decidingRequiresAModerator() {
        // Given no credentials
        // When someone tries to decide a tip
        // Then the answer is a 401
        webTestClient
                .post()
                .uri("/api/tips/{tipId}/decision", TestTips.newTipId())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"outcome\":\"APPROVED\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    /** Waits for the announcement to be acknowledged, then checks it announces the only decision. */
    private ConsumerRecord<String, String> awaitOneDecision(String tipId) {
        probe.awaitRecord(Topics.TIPS_DECIDED, tipId);
        return DecisionAnnouncements.onlyDecision(probe, tipId);
    }
}
