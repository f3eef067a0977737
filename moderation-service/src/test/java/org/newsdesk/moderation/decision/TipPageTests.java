package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.newsdesk.moderation.tip.HistoryEntry;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.StoryLink;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.HtmlUtils;

/** The tip page as a moderator reads and works it: its words, its times, its claims, duplicates and the story. */
@ModerationIntegrationTest
class TipPageTests {

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ModeratedTips tips;

    @Autowired
    MediaStore media;

    @Autowired
    ReactiveMongoOperations mongo;

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
    void openingATipAgainAndRenewingIsOneClaimOnItsHistoryUntilTheClaimLapses() throws Exception {
        // Given a tip the first moderator opened
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        first.page(web, "/tips/{id}", tip.tipId());

        // When they open it again, and the page renews the claim
        first.page(web, "/tips/{id}", tip.tipId());
        renew(first, tip.tipId());
        String page = first.page(web, "/tips/{id}", tip.tipId());

        // Then the history says once that they claimed it
        assertThat(claims(tip.tipId())).hasSize(1);
        assertThat(count(page, "<strong>Claimed</strong>")).isEqualTo(1);

        // When their claim lapses and the second moderator opens the tip, then the first again
        lapse(tip.tipId());
        second.page(web, "/tips/{id}", tip.tipId());
        lapse(tip.tipId());
        first.page(web, "/tips/{id}", tip.tipId());

        // Then each new sitting is one more line
        assertThat(claims(tip.tipId()))
                .extracting(HistoryEntry::by)
                .containsExactly(
                        ModerationIntegrationTest.MODERATOR,
                        ModerationIntegrationTest.SECOND_MODERATOR,
                        ModerationIntegrationTest.MODERATOR);
    }

    @Test
    void theTipAndProvenancePagesAreTitledByTheTipsHeadline() throws Exception {
        // Given a published tip
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();

        // When an editor opens its page and its provenance
        // Then each title names the tip, then the workspace
        assertThat(title(first.page(web, "/tips/{id}", tip.tipId())))
                .isEqualTo(TestTips.POLICE_PLAN_HEADLINE + " · Newsdesk moderation");
        String provenance = first.page(web, "/tips/{id}/provenance", tip.tipId());
        assertThat(title(provenance))
                .isEqualTo("How “" + TestTips.POLICE_PLAN_HEADLINE + "” came to be · Newsdesk moderation");

        // And the decision reads as its outcome, as on every moderators' page
        assertThat(provenance).contains("<strong>Published</strong>").doesNotContain(">Decided<");
    }

    @Test
    void timesAreInTheOutletsZoneAndTheDayItHappenedIsWrittenOut() throws Exception {
        // Given a tip sent at 11:05 UTC on a summer's day, about something that happened the day before
        TipSubmitted tip = TipSubmitted.of(
                TestTips.newTipId(),
                "a".repeat(64),
                TestTips.VICTIM_SUPPORT_HEADLINE,
                TestTips.VICTIM_SUPPORT_BODY,
                "Derbyshire",
                "community",
                null,
                Instant.parse("2023-06-01T11:05:00Z"),
                LocalDate.of(2023, 5, 31),
                false,
                List.of());
        moderation.submitAndAwaitQueued(tip);

        // When a moderator opens it, and then its provenance
        String page = first.page(web, "/tips/{id}", tip.tipId());

        // Then the times are London's, each with its machine-readable instant, and never in UTC
        assertThat(page)
                .contains("<time datetime=\"2023-06-01T12:05:00+01:00\">1 Jun 2023, 12:05</time>")
                .contains("<time datetime=\"2023-05-31\">31 May 2023</time>")
                .doesNotContain("UTC")
                .doesNotContain(">2023-05-31<");
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();
        assertThat(first.page(web, "/tips/{id}/provenance", tip.tipId()))
                .contains("<time datetime=\"2023-06-01T12:05:00+01:00\">1 Jun 2023, 12:05</time>")
                .doesNotContain("UTC");
    }

    @Test
    void theFormsProblemsAreWrittenForTheModeratorAndTheApiKeepsItsOwn() throws Exception {
        // Given a tip a moderator opened
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        first.page(web, "/tips/{id}", tip.tipId());

        // When they decline it without a reason, or mark it a duplicate of a tip nobody knows
        String declined = refused(tip.tipId(), decision("REJECTED").with("reasonCode", ""));
        String duplicate = refused(tip.tipId(), decision("DUPLICATE").with("duplicateOf", "no-such-tip"));

        // Then the page says what to do, beside the field, in the moderator's words
        assertThat(declined)
                .contains("Write the reason the resident will read, or choose one")
                .contains("href=\"#reasonCode\"")
                .doesNotContain("reasonCode)")
                .doesNotContain("is required");
        assertThat(duplicate).contains("There is no tip with that reference").doesNotContain("duplicateOf is not");

        // And the API still names its fields and rules for programs
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"REJECTED\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason")
                .jsonPath("$.errors[0].message")
                .isEqualTo(DecisionRequest.REASON_REQUIRED);
    }

    @Test
    void aDecisionRefusedBecauseSomeoneElseHasTheTipSaysSoInWords() throws Exception {
        // Given a tip the first moderator opened
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        first.page(web, "/tips/{id}", tip.tipId());

        // When the second moderator forces a decision through the form
        String page = second.post(web, "/tips/{id}/decision", tip.tipId())
                .body(BodyInserters.fromFormData("outcome", "APPROVED").with("_csrf", second.csrf()))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then the page names who has it, without the tip's id or a time in UTC
        assertThat(page)
                .contains("Duty Editor is working on this tip now. Your decision was not recorded.")
                .doesNotContain("working on tip " + tip.tipId())
                .doesNotContain("Z\u003c");
    }

    @Test
    void anEditorsCorrectionOfATipThatWasNeverPublishedIsRefusedInWords() throws Exception {
        // Given a tip that was declined
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"REJECTED\",\"reasonCode\":\"not-local\"}")
                .expectStatus()
                .isOk();

        // When an editor sends a correction for it anyway (a page open from before)
        String page = first.post(web, "/tips/{id}/correction", tip.tipId())
                .body(BodyInserters.fromFormData("_csrf", first.csrf())
                        .with("headline", "A headline")
                        .with("body", "A story")
                        .with("note", "We got it wrong"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then the page says why, without the tip's id, and the tip reads as declined
        assertThat(page)
                .contains("This tip was not published, so there is no story to correct or withdraw.")
                .contains("<strong id=\"outcome\">Declined</strong>")
                .doesNotContain("Tip " + tip.tipId());
    }

    @Test
    void twoReportsOfTheSameFloodFindEachOtherAndOneClickMarksTheDuplicate() throws Exception {
        // Given two residents in Long Eaton telling of Station Road flooded, an hour apart, and an unrelated tip there
        String area = "Long Eaton " + UUID.randomUUID().toString().substring(0, 6);
        Instant nine = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        TipSubmitted earlier = tip(
                area,
                "Station Road flooded near the railway bridge",
                "The road is under water by the station and cars are turning back.",
                nine);
        TipSubmitted unrelated = tip(
                area,
                "Library opening hours cut",
                "The town library will close on Wednesdays from next month.",
                nine.plus(30, ChronoUnit.MINUTES));
        TipSubmitted later = tip(
                area,
                "Flooding on Station Road",
                "Station Road is flooded again under the bridge, a bus got stuck.",
                nine.plus(1, ChronoUnit.HOURS));
        moderation.submitAndAwaitQueued(earlier);
        moderation.submitAndAwaitQueued(unrelated);
        moderation.submitAndAwaitQueued(later);

        // When a moderator opens the later one
        String page = first.page(web, "/tips/{id}", later.tipId());

        // Then the earlier flood heads its similar tips, with its state and time, and the library is not there
        String similar = page.substring(page.indexOf("id=\"similar\""), page.indexOf("id=\"decision-form\""));
        assertThat(similar)
                .contains("Station Road flooded near the railway bridge")
                .contains("Waiting")
                .contains("<time datetime=")
                .doesNotContain("Library opening hours cut");
        assertThat(similar.indexOf(earlier.tipId())).isPositive();
        assertThat(TIP_IDS.matcher(similar)
                        .results()
                        .map(found -> found.group(1))
                        .findFirst())
                .contains(earlier.tipId());

        // When they press that tip's button (its form sends the other tip and the resident's words)
        first.post(web, "/tips/{id}/decision", later.tipId())
                .body(BodyInserters.fromFormData("outcome", "DUPLICATE")
                        .with("_csrf", first.csrf())
                        .with("duplicateOf", earlier.tipId())
                        .with("reason", hidden(similar, "reason")))
                .exchange()
                .expectStatus()
                .is3xxRedirection();

        // Then the later tip is a duplicate of the earlier one, its resident told so in words
        Map<String, Object> decision = decisionOf(later.tipId());
        assertThat(decision)
                .containsEntry("outcome", "DUPLICATE")
                .containsEntry("duplicateOf", earlier.tipId())
                .containsEntry("reason", DecisionRequest.DUPLICATE_WORDING);

        // And its page names the other tip by its headline, linked, in the banner and the history
        String decided = first.page(web, "/tips/{id}", later.tipId());
        assertThat(decided)
                .contains("<strong id=\"outcome\">Duplicate</strong>")
                .contains("Duplicate of <a href=\"/tips/" + earlier.tipId()
                        + "\">Station Road flooded near the railway bridge</a>")
                .doesNotContain("Duplicate of " + earlier.tipId());
    }

    @Test
    void aPastedAddressOfTheOtherTipMarksTheDuplicateToo() throws Exception {
        // Given two tips, the second opened by a moderator
        TipSubmitted original = TestTips.policePlan(TestTips.newTipId());
        TipSubmitted repeat = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(original);
        moderation.submitAndAwaitQueued(repeat);
        first.page(web, "/tips/{id}", repeat.tipId());

        // When they paste the first tip's address
        first.post(web, "/tips/{id}/decision", repeat.tipId())
                .body(BodyInserters.fromFormData("outcome", "DUPLICATE")
                        .with("_csrf", first.csrf())
                        .with("duplicateOf", "http://localhost:8082/tips/" + original.tipId() + "?x=1"))
                .exchange()
                .expectStatus()
                .is3xxRedirection();

        // Then it is marked a duplicate of that tip
        assertThat(decisionOf(repeat.tipId())).containsEntry("duplicateOf", original.tipId());
    }

    @Test
    void aPublishedTipsPageLinksItsStoryAndOffersNoDecision() throws Exception {
        // Given a tip that was approved
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();
        String before = first.page(web, "/tips/{id}", tip.tipId());
        assertThat(before).contains("id=\"story-link-waiting\"").doesNotContain("id=\"story-link\"");

        // When publishing announces its story
        String url = "http://localhost:8083/news/police-plan-" + tip.tipId();
        moderation.storyPublished(tip.tipId(), 2, url);

        // Then the page links the story, says it was published, and has no decision form or shortcut
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> first.page(web, "/tips/{id}", tip.tipId()).contains("href=\"" + url + "\""));
        String page = first.page(web, "/tips/{id}", tip.tipId());
        assertThat(page)
                .contains("<strong id=\"outcome\">Published</strong>")
                .doesNotContain("id=\"decision-form\"")
                .doesNotContain("id=\"approve\"")
                .doesNotContain("id=\"decline\"")
                .doesNotContain("id=\"shortcuts-title\"")
                .doesNotContain("APPROVED");

        // And an older announcement redelivered does not take the address back
        moderation.storyPublished(tip.tipId(), 1, "http://localhost:8083/news/old");
        moderation.awaitAllReadAbout(tip.tipId());
        assertThat(tips.storyPublished(tip.tipId(), new StoryLink("http://old", 1))
                        .block(Duration.ofSeconds(10)))
                .isFalse();
        assertThat(find(tip.tipId()).story().url()).isEqualTo(url);
    }

    @Test
    void eachPhotoToPublishNeedsADescriptionAndShowsItsCredit() throws Exception {
        // Given a tip with a photo its taker let us credit, opened by a moderator
        PhotoReference photo = media.store(png(), "image/png", 4, 3)
                .block(Duration.ofSeconds(10))
                .creditedTo("Jo Bloggs");
        TipSubmitted tip = TipSubmitted.of(
                TestTips.newTipId(),
                "b".repeat(64),
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
        assertThat(first.page(web, "/tips/{id}", tip.tipId())).contains("Credit: Jo Bloggs");

        // When they approve it with the photo and a caption but no description
        String refused = refused(
                tip.tipId(),
                decision("APPROVED")
                        .with("photos[0].id", photo.id())
                        .with("photos[0].caption", "Officers on parade")
                        .with("photos[0].alt", " "));

        // Then the page asks for it, beside the photo, and keeps the caption
        assertThat(refused)
                .contains("Describe photo 1 in a few words for readers who cannot see it")
                .contains("href=\"#alt-1\"")
                .contains("value=\"Officers on parade\"");
        assertThat(moderation.queuedTipIds()).contains(tip.tipId());

        // When they describe it
        first.post(web, "/tips/{id}/decision", tip.tipId())
                .body(BodyInserters.fromFormData("outcome", "APPROVED")
                        .with("_csrf", first.csrf())
                        .with("photos[0].id", photo.id())
                        .with("photos[0].caption", "Officers on parade")
                        .with("photos[0].alt", "Six officers in dress uniform on a parade ground"))
                .exchange()
                .expectStatus()
                .is3xxRedirection();

        // Then the story's photo has its caption, its description and its credit
        assertThat(find(tip.tipId()).decision().photos()).singleElement().satisfies(chosen -> {
            assertThat(chosen.caption()).isEqualTo("Officers on parade");
            assertThat(chosen.alt()).isEqualTo("Six officers in dress uniform on a parade ground");
            assertThat(chosen.photo().credit()).isEqualTo("Jo Bloggs");
        });
    }

    @Test
    void theApiTakesAPhotosDescriptionAndDoesNotRequireIt() throws Exception {
        // Given a tip with two photos, one credited to nobody by name
        PhotoReference described = media.store(png(), "image/png", 4, 3).block(Duration.ofSeconds(10));
        PhotoReference plain = media.store(png(), "image/png", 4, 3).block(Duration.ofSeconds(10));
        TipSubmitted tip = TipSubmitted.of(
                TestTips.newTipId(),
                "c".repeat(64),
                TestTips.POLICE_PLAN_HEADLINE,
                TestTips.POLICE_PLAN_BODY,
                "Erewash",
                "crime",
                null,
                Instant.now(),
                null,
                false,
                List.of(described, plain));
        moderation.submitAndAwaitQueued(tip);
        assertThat(first.page(web, "/tips/{id}", tip.tipId())).contains("Credited to a reader");

        // When a client approves it with a description for one photo only
        moderation
                .decide(
                        tip.tipId(),
                        "{\"outcome\":\"APPROVED\",\"photos\":[{\"id\":\"" + described.id()
                                + "\",\"alt\":\"A flooded road\"},{\"id\":\"" + plain.id() + "\"}]}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.photos[0].alt")
                .isEqualTo("A flooded road")
                .jsonPath("$.photos[1].alt")
                .doesNotExist();
    }

    private static final Pattern TIP_IDS = Pattern.compile("data-tip-id=\"([^\"]+)\"");

    private TipSubmitted tip(String area, String headline, String body, Instant sentAt) {
        return TipSubmitted.of(TestTips.newTipId(), "e".repeat(64), headline, body, area, "transport", null, sentAt);
    }

    private BodyInserters.FormInserter<String> decision(String outcome) {
        return BodyInserters.fromFormData("outcome", outcome).with("_csrf", first.csrf());
    }

    private String refused(String tipId, BodyInserters.FormInserter<String> form) {
        return first.post(web, "/tips/{id}/decision", tipId)
                .body(form)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private void renew(PageSession moderator, String tipId) {
        web.post()
                .uri("/tips/{id}/claim", tipId)
                .cookie(PageSession.COOKIE, moderator.cookie())
                .header("X-CSRF-TOKEN", moderator.csrf())
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** Ends whatever claim the tip has, as the lease running out would. */
    private void lapse(String tipId) {
        mongo.updateFirst(
                        query(where("_id").is(tipId)),
                        new Update().set("claim.expiresAt", Instant.now().minusSeconds(1)),
                        ModeratedTip.class)
                .block(Duration.ofSeconds(10));
    }

    private List<HistoryEntry> claims(String tipId) {
        return find(tipId).history().stream()
                .filter(entry -> entry.kind() == HistoryEntry.Kind.CLAIMED)
                .toList();
    }

    private ModeratedTip find(String tipId) {
        return tips.find(tipId).block(Duration.ofSeconds(10));
    }

    private Map<String, Object> decisionOf(String tipId) {
        Map<String, Object> view = web.get()
                .uri("/api/tips/{id}", tipId)
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> decision = (Map<String, Object>) view.get("decision");
        return decision;
    }

    private static int count(String page, String text) {
        return page.split(Pattern.quote(text), -1).length - 1;
    }

    private static String title(String page) {
        Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(page);
        assertThat(title.find()).as("a title").isTrue();
        return HtmlUtils.htmlUnescape(title.group(1));
    }

    /** The value of the first hidden input with this name. */
    private static String hidden(String html, String name) {
        Matcher input =
                Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(input.find()).as("a hidden " + name).isTrue();
        return HtmlUtils.htmlUnescape(input.group(1));
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
