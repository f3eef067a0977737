package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.media.MediaStore;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.moderation.TestTips;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The queue and tip pages through their plain forms, as they work without JavaScript. */
@ModerationIntegrationTest
class ModeratorPagesTests {

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    MediaStore media;

    ModerationTestClient moderation;
    PageSession first;
    PageSession second;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
        first = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        second = PageSession.signIn(
                web, ModerationIntegrationTest.SECOND_MODERATOR, ModerationIntegrationTest.SECOND_PASSWORD);
    }

    @Test
    void residentTextIsShownAsTextNeverAsMarkup() throws Exception {
        // Given a tip whose headline and body try to run a script
        TipSubmitted tip = TipSubmitted.of(
                TestTips.newTipId(),
                "d".repeat(64),
                "<script>alert('queue')</script>",
                "<img src=x onerror=alert('tip')>",
                "Erewash",
                "crime",
                null,
                Instant.now());
        moderation.submitAndAwaitQueued(tip);

        // When moderators open the queue and the tip
        String queue = html(first.get(web, "/queue?area=Erewash&limit=500"));
        String page = html(first.get(web, "/tips/{id}", tip.tipId()));

        // Then the text is there, escaped, and no script from it
        assertThat(queue)
                .contains("&lt;script&gt;alert(&#39;queue&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert");
        assertThat(page)
                .contains("&lt;img src=x onerror=alert(&#39;tip&#39;)&gt;")
                .doesNotContain("<img src=x");
    }

    @Test
    void openingATipClaimsItAndShowsEverythingTheResidentSent() throws Exception {
        // Given a tip with contact details and consent
        TipSubmitted tip = TipSubmitted.of(
                TestTips.newTipId(),
                "e".repeat(64),
                TestTips.VICTIM_SUPPORT_HEADLINE,
                TestTips.VICTIM_SUPPORT_BODY,
                "Derbyshire",
                "community",
                new TipSubmitted.Contact("Sam Resident", "sam@example.org", "07700 900123"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                LocalDate.of(2023, 6, 1),
                true,
                List.of());
        moderation.submitAndAwaitQueued(tip);

        // When the first moderator opens it
        String page = html(first.get(web, "/tips/{id}", tip.tipId()));

        // Then it is theirs, with the contact details and consent on the page
        assertThat(page)
                .contains("You are working on this tip")
                .contains("sam@example.org")
                .contains("07700 900123")
                .contains("<time datetime=\"2023-06-01\">1 June 2023</time>")
                .contains("Yes");

        // And the second moderator sees who has it, with the decision form disabled, and the queue says so too
        String theirs = html(second.get(web, "/tips/{id}", tip.tipId()));
        assertThat(theirs)
                .contains("<strong>Duty Editor</strong> is working on this tip")
                .contains("disabled");
        assertThat(html(second.get(web, "/queue?area=Derbyshire&limit=500")))
                .contains("Duty Editor is working on this");

        // And a decision the second moderator forces through the form is refused, naming the holder
        String refused = second.post(web, "/tips/{id}/decision", tip.tipId())
                .body(BodyInserters.fromFormData("outcome", "APPROVED").with("_csrf", second.csrf()))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(refused).contains("Duty Editor is working on this tip now");
    }

    @Test
    void theFormApprovesWithTheEditAndAChosenPhoto() throws Exception {
        // Given a tip with a photo in the media store, opened by a moderator
        PhotoReference photo = media.store(png(), "image/png", 4, 3).block(Duration.ofSeconds(10));
        TipSubmitted tip = TipSubmitted.of(
                TestTips.newTipId(),
                "f".repeat(64),
                TestTips.POLICE_PLAN_HEADLINE,
                TestTips.POLICE_PLAN_BODY,
                "Erewash",
                "crime",
                null,
                Instant.now(),
                null,
                false,
                List.of(photo));
        moderation.submitAndAwaitQueued(tip);
        String page = html(first.get(web, "/tips/{id}", tip.tipId()));
        assertThat(page).contains("/tips/" + tip.tipId() + "/photos/" + photo.id());

        // Then the photo is served to a moderator, and to nobody else
        first.get(web, "/tips/{id}/photos/{photo}", tip.tipId(), photo.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.IMAGE_PNG)
                .expectHeader()
                .cacheControl(CacheControl.noStore().cachePrivate());
        web.get()
                .uri("/tips/{id}/photos/{photo}", tip.tipId(), photo.id())
                .exchange()
                .expectStatus()
                .is3xxRedirection();
        first.get(web, "/tips/{id}/photos/{photo}", TestTips.newTipId(), photo.id())
                .exchange()
                .expectStatus()
                .isNotFound();

        // When they approve it through the form with a new headline and the photo, captioned
        first.post(web, "/tips/{id}/decision", tip.tipId())
                .body(BodyInserters.fromFormData("outcome", "APPROVED")
                        .with("_csrf", first.csrf())
                        .with("headline", "Police recruit 283 officers early")
                        .with("body", TestTips.POLICE_PLAN_BODY.replace("\n", "\r\n"))
                        .with("photos[0].id", photo.id())
                        .with("photos[0].caption", "The new officers")
                        .with("photos[0].alt", "New officers in uniform")
                        .with("reasonCode", "")
                        .with("note", ""))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/queue?done=" + tip.tipId());

        // Then the decision has the edit (the untouched body is no edit) and the captioned photo
        var view = web.get()
                .uri("/api/tips/{id}", tip.tipId())
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        var decision = (Map<String, Object>) view.get("decision");
        assertThat(decision)
                .containsEntry("headline", "Police recruit 283 officers early")
                .containsEntry("edits", List.of("headline"));
        assertThat(decision.get("photos").toString()).contains("The new officers");
    }

    @Test
    void aDeclineWithoutAReasonShowsTheFormAgainWithTheProblem() throws Exception {
        // Given a tip a moderator opened
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        first.get(web, "/tips/{id}", tip.tipId()).exchange().expectStatus().isOk();

        // When they decline it without picking a reason
        String page = first.post(web, "/tips/{id}/decision", tip.tipId())
                .body(BodyInserters.fromFormData("outcome", "REJECTED")
                        .with("_csrf", first.csrf())
                        .with("reasonCode", ""))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then the page says what is missing, and the tip still waits
        assertThat(page)
                .contains("The decision was not recorded")
                .contains("Write the reason the resident will read, or choose one");
        assertThat(moderation.queuedTipIds()).contains(tip.tipId());

        // And declining with a reason from the list works
        first.post(web, "/tips/{id}/decision", tip.tipId())
                .body(BodyInserters.fromFormData("outcome", "REJECTED")
                        .with("_csrf", first.csrf())
                        .with("reasonCode", "cannot-verify"))
                .exchange()
                .expectStatus()
                .is3xxRedirection();
        assertThat(moderation.queuedTipIds()).doesNotContain(tip.tipId());
    }

    @Test
    void releasingGivesTheTipBackToEveryone() throws Exception {
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        first.get(web, "/tips/{id}", tip.tipId()).exchange().expectStatus().isOk();

        first.post(web, "/tips/{id}/release", tip.tipId())
                .body(BodyInserters.fromFormData("_csrf", first.csrf()))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/queue");

        assertThat(html(second.get(web, "/tips/{id}", tip.tipId()))).contains("You are working on this tip");
    }

    @Test
    void thePagesScriptRenewsTheClaimWithTheTokenInAHeader() throws Exception {
        // Given a tip the first moderator opened
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        first.get(web, "/tips/{id}", tip.tipId()).exchange().expectStatus().isOk();

        // When the page's script renews the claim as it does, the token in X-CSRF-TOKEN
        // Then the claim is renewed, and the same call without the token is refused
        web.post()
                .uri("/tips/{id}/claim", tip.tipId())
                .cookie(PageSession.COOKIE, first.cookie())
                .header("X-CSRF-TOKEN", first.csrf())
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.tipId")
                .isEqualTo(tip.tipId())
                .jsonPath("$.expiresAt")
                .isNotEmpty();
        web.post()
                .uri("/tips/{id}/claim", tip.tipId())
                .cookie(PageSession.COOKIE, first.cookie())
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isForbidden();

        // And the second moderator's script is told the tip is someone else's
        web.post()
                .uri("/tips/{id}/claim", tip.tipId())
                .cookie(PageSession.COOKIE, second.cookie())
                .header("X-CSRF-TOKEN", second.csrf())
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT);
    }

    private static String html(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
