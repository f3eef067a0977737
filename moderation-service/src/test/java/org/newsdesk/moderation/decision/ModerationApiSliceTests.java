package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import com.mongodb.reactivestreams.client.MongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.editorial.EditorialDesk;
import org.newsdesk.moderation.queue.IndexedQueueOrder;
import org.newsdesk.moderation.queue.ModerationQueue;
import org.newsdesk.moderation.queue.QueueChanges;
import org.newsdesk.moderation.record.AuditReader;
import org.newsdesk.moderation.security.InMemoryAccounts;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.Submission;
import org.newsdesk.moderation.tip.TipState;
import org.newsdesk.web.WebAutoConfiguration;
import org.newsdesk.web.problem.ProblemException;
import org.newsdesk.web.time.OutletTimeAutoConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The moderator's HTTP API alone, behind the service's real security configuration and HTTP Basic
 * account: mapping, validation and problem details, with neither Kafka nor MongoDB behind it.
 * Whatever is refused here must never reach {@link DecisionDesk}.
 */
@WebFluxTest(
        properties = {"newsdesk.moderator.password=" + ModerationIntegrationTest.MODERATOR_PASSWORD},
        // The security configuration is package-private, hence a pattern rather than a class to import.
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "org\\.newsdesk\\.moderation\\.security\\.ModeratorSecurityConfiguration"),
        // The accounts pages need the account store; this slice is about the tips' API.
        excludeFilters =
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.newsdesk\\.moderation\\.account\\..*"))
@EnableConfigurationProperties(ModerationProperties.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, OutletTimeAutoConfiguration.class})
// The queue's paging rules are part of what this slice checks; only the tips behind it are mocked.
// The sign-in counts have no registry in a slice: they count into one of their own.
@Import({ModerationQueue.class, IndexedQueueOrder.class, InMemoryAccounts.class, SimpleMeterRegistry.class})
class ModerationApiSliceTests {

    private static final String APPROVE = "{\"outcome\":\"APPROVED\"}";

    @Autowired
    WebTestClient web;

    @Autowired
    ApplicationContext context;

    @MockitoBean
    DecisionDesk desk;

    @MockitoBean
    ModeratedTips tips;

    @MockitoBean
    QueueChanges changes;

    // The tip page opens contact details with it; no test here renders that page.
    @MockitoBean
    ResidentContacts contacts;

    // The tip page lists similar tips with it; likewise not rendered here.
    @MockitoBean
    SimilarTips similar;

    // The editors' controllers are mapped in this slice too; what stands behind them is not its subject.
    @MockitoBean
    EditorialDesk editorial;

    @MockitoBean
    AuditReader audit;

    @Test
    void withoutCredentialsTheAnswerIsA401ProblemThatAsksForBasic() {
        // Given no credentials
        // When someone tries to decide a tip
        decide(TestTips.newTipId(), APPROVE, headers -> headers.setAccept(List.of(MediaType.APPLICATION_JSON)))
                // Then they are asked to sign in, in problem details
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Newsdesk moderation\"")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401);
        verifyNoInteractions(desk);
    }

    @ParameterizedTest(name = "Accept: \"{0}\"")
    @ValueSource(strings = {"", "*/*", "application/json"})
    void aDecisionIsAnsweredInJsonToEveryClientThatTakesJson(String accept) {
        // Given the desk records the moderator's approval
        String tipId = TestTips.newTipId();
        given(desk.decide(eq(tipId), any(), eq(ModerationIntegrationTest.MODERATOR)))
                .willReturn(Mono.just(approved(tipId)));

        // When the signed-in moderator approves, with their client saying it takes JSON or not
        decide(tipId, APPROVE, asModerator().andThen(headers -> {
                    if (!accept.isEmpty()) {
                        headers.set(HttpHeaders.ACCEPT, accept);
                    }
                }))
                // Then the recorded decision comes back as JSON, signed with the account's name
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.tipId")
                .isEqualTo(tipId)
                .jsonPath("$.outcome")
                .isEqualTo("APPROVED")
                .jsonPath("$.decidedBy")
                .isEqualTo(ModerationIntegrationTest.MODERATOR);
    }

    @Test
    void aClientThatCannotReadJsonIsRefusedBeforeAnythingIsDecided() {
        // Given a moderator's client that only accepts HTML
        // When it approves a tip
        decide(
                        TestTips.newTipId(),
                        APPROVE,
                        asModerator().andThen(headers -> headers.setAccept(List.of(MediaType.TEXT_HTML))))
                // Then it is refused with a 406 problem
                .expectStatus()
                .isEqualTo(HttpStatus.NOT_ACCEPTABLE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(406);

        // And the desk never saw the decision
        verifyNoInteractions(desk);
    }

    @Test
    void anInvalidDecisionIsAProblemNamingTheFieldAndDecidesNothing() {
        // Given an outcome that does not exist
        // When a moderator's JSON client sends it
        decide(TestTips.newTipId(), "{\"outcome\":\"PUBLISHED\"}", asJsonClientOfModerator())
                // Then the answer is a problem, still in problem+json, that names the field
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("outcome")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be one of APPROVED, REJECTED, HELD, DUPLICATE");
        verifyNoInteractions(desk);
    }

    @Test
    void aDecisionThatIsNotJsonIsAnUnsupportedMediaType() {
        // Given a decision sent as a form
        // When it is sent
        web.post()
                .uri("/api/tips/{tipId}/decision", TestTips.newTipId())
                .headers(asJsonClientOfModerator())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("outcome=APPROVED")
                .exchange()
                // Then it is refused for its type
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(desk);
    }

    @Test
    void aTipTheDeskDoesNotKnowIsA404Problem() {
        // Given the desk knows no such tip
        String tipId = TestTips.newTipId();
        given(desk.decide(eq(tipId), any(), any()))
                .willReturn(Mono.error(
                        ProblemException.of(HttpStatus.NOT_FOUND, "Unknown tip", "There is no tip " + tipId)));

        // When a moderator's JSON client decides it
        decide(tipId, APPROVE, asJsonClientOfModerator())
                // Then the failure is answered in problem+json, not refused as unacceptable
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("There is no tip " + tipId);
    }

    @Test
    void theQueueIsJsonAndNoHtml() {
        // Given one tip waiting
        ModeratedTip waiting = ModeratedTip.pending(
                TestTips.newTipId(), Submission.from(TestTips.policePlan(TestTips.newTipId())), 1, Instant.now(), null);
        given(tips.pending(any(), any(), anyInt())).willReturn(Flux.just(waiting));
        given(tips.waiting(any())).willReturn(Mono.just(1L));

        // When a moderator's JSON client asks for the queue
        web.get()
                .uri("/api/queue")
                .headers(asJsonClientOfModerator())
                .exchange()
                // Then it lists the tip
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.items[0].tipId")
                .isEqualTo(waiting.tipId());

        // And a client that wants HTML is refused rather than given JSON it did not ask for
        web.get()
                .uri("/api/queue")
                .headers(asModerator())
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.NOT_ACCEPTABLE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theSliceRunsWithoutKafkaOrMongo() {
        // The point of the slice: it fails fast and alone, so no broker or database client may creep in.
        assertThat(context.getBeanNamesForType(ProducerFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(KafkaAdmin.class)).isEmpty();
        assertThat(context.getBeanNamesForType(MongoClient.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ReactiveMongoOperations.class)).isEmpty();
    }

    private WebTestClient.ResponseSpec decide(String tipId, String json, Consumer<HttpHeaders> headers) {
        return web.post()
                .uri("/api/tips/{tipId}/decision", tipId)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    private static Consumer<HttpHeaders> asModerator() {
        return headers ->
                headers.setBasicAuth(ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
    }

    private static Consumer<HttpHeaders> asJsonClientOfModerator() {
        return asModerator().andThen(headers -> headers.setAccept(List.of(MediaType.APPLICATION_JSON)));
    }

    private static ModeratedTip approved(String tipId) {
        Submission submission = Submission.from(TestTips.policePlan(tipId));
        Decision decision = new Decision(
                TestTips.newTipId(),
                Outcome.APPROVED,
                submission.headline(),
                submission.body(),
                new Decision.OriginalText(submission.headline(), submission.body()),
                null,
                ModerationIntegrationTest.MODERATOR,
                Instant.now());
        return new ModeratedTip(tipId, submission, TipState.DECIDED, decision, 2, 1, Instant.now());
    }
}
