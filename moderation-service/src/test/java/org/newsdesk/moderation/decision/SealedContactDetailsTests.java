package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.SealedContact;
import org.newsdesk.media.MediaStore;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.ContactErasure;
import org.newsdesk.moderation.tip.HistoryEntry;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Residents' contact details arrive sealed (as submission-service seals them, with the same vault
 * and key store), are opened only on the tip page, for the moderator looking at it, and each
 * showing is on the tip's history and the editorial record. Erased details, by the resident or by
 * retention, say so in their place; details that will not open here are a message, never a 5xx.
 */
@ModerationIntegrationTest
class SealedContactDetailsTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ModeratedTips tips;

    @Autowired
    ContactVault vault;

    @Autowired
    MediaStore media;

    ModerationTestClient moderation;
    PageSession first;
    PageSession second;
    String area;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(web, kafka);
        first = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        second = PageSession.signIn(
                web, ModerationIntegrationTest.SECOND_MODERATOR, ModerationIntegrationTest.SECOND_PASSWORD);
        area = "Heanor-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void sealedDetailsAreOpenedOnTheTipPageAndEachShowingIsOnTheHistoryAndTheRecord() throws Exception {
        // Given a tip whose contact details were sealed at the field
        String tipId = TestTips.newTipId();
        moderation.submitAndAwaitQueued(TestTips.sealed(tipId, area, sealed(tipId), List.of()));

        // When two moderators open its page
        String firstLook = page(first, tipId);
        String secondLook = page(second, tipId);

        // Then both read the details in clear
        assertThat(firstLook)
                .contains("Sam Sealed")
                .contains("sam.sealed@example.org")
                .contains("07700 900999");
        assertThat(secondLook).contains("sam.sealed@example.org");

        // And the history says who saw them, one line each, on the page too
        ModeratedTip stored = tips.find(tipId).block(TIMEOUT);
        assertThat(stored.history())
                .filteredOn(entry -> entry.kind() == HistoryEntry.Kind.CONTACT_SHOWN)
                .extracting(HistoryEntry::by)
                .containsExactly(ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.SECOND_MODERATOR);
        assertThat(secondLook).contains("Contact details seen").contains("Sam Second");

        // And so does the editorial record, for editors to see who looked at which source
        await().atMost(ModerationTestClient.PATIENCE)
                .untilAsserted(() -> assertThat(
                                JSON
                                        .readTree(moderation.api("/api/audit?act=CONTACT_SHOWN&limit=100"))
                                        .findValues("tipId")
                                        .stream()
                                        .filter(id -> id.asString().equals(tipId))
                                        .count())
                        .isEqualTo(2));

        // And the queue and the tip's JSON carry only that the resident can be reached, never the details
        String queue = moderation.api("/api/queue?area=" + area + "&limit=100");
        assertThat(queue).contains("\"contactGiven\":true").doesNotContain("sam.sealed@example.org");
        String view = moderation.api("/api/tips/" + tipId);
        assertThat(JSON.readTree(view).at("/submission/contactGiven").asBoolean())
                .isTrue();
        assertThat(view).doesNotContain("sam.sealed@example.org").doesNotContain("Sam Sealed");
    }

    @Test
    void anAnonymousTipIsShownWithoutAnyLineOnItsHistory() throws Exception {
        // Given a resident who stayed anonymous
        String tipId = TestTips.newTipId();
        moderation.submitAndAwaitQueued(TestTips.sealed(tipId, area, null, List.of()));

        // When a moderator opens the tip
        String look = page(first, tipId);

        // Then the page says so, and nothing was shown, so nothing is on the history
        assertThat(look).contains("The resident stayed anonymous.");
        assertThat(tips.find(tipId).block(TIMEOUT).history())
                .extracting(HistoryEntry::kind)
                .doesNotContain(HistoryEntry.Kind.CONTACT_SHOWN);
    }

    @Test
    void detailsErasedByTheResidentSayErasedWithWhoAndWhenAndTheErasureIsAppliedOnce() throws Exception {
        // Given a sealed tip a moderator has looked at, with a photo as received
        String tipId = TestTips.newTipId();
        PhotoReference photo = media.store(png(), "image/png", 40, 30).block(TIMEOUT);
        moderation.submitAndAwaitQueued(TestTips.sealed(tipId, area, sealed(tipId), List.of(photo)));
        page(first, tipId);

        // When the resident erases their details (submission-service deletes the key and the photo,
        // then announces it), and Kafka delivers the announcement twice
        Instant erasedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(vault.erase(tipId).block(TIMEOUT)).isTrue();
        assertThat(media.delete(photo.id()).block(TIMEOUT)).isTrue();
        ContactErased erased = ContactErased.of(tipId, 2, erasedAt, ContactErased.Cause.RESIDENT, true);
        moderation.send(erased);
        moderation.send(erased);
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tips.find(tipId).block(TIMEOUT).erasure() != null);

        // Then the tip keeps no contact details, one history line says who erased them and when
        ModeratedTip stored = tips.find(tipId).block(TIMEOUT);
        assertThat(stored.submission().sealedContact()).isNull();
        assertThat(stored.submission().contact()).isNull();
        assertThat(stored.erasure()).isEqualTo(new ContactErasure(erasedAt, ContactErased.Cause.RESIDENT, true));
        String look = page(second, tipId);
        assertThat(look)
                .contains("id=\"contact-erased\"")
                .contains("at the resident&#39;s request")
                .doesNotContain("sam.sealed@example.org");
        // (after a second delivery and a retention sweep that finds it erased already, still one line)
        moderation.send(ContactErased.of(tipId, 3, Instant.now(), ContactErased.Cause.RETENTION, true));
        moderation.awaitAllReadAbout(tipId);
        assertThat(tips.find(tipId).block(TIMEOUT).history())
                .filteredOn(entry -> entry.kind() == HistoryEntry.Kind.CONTACT_ERASED)
                .singleElement()
                .satisfies(entry -> assertThat(entry.by()).isEqualTo(HistoryEntry.RESIDENT));
        // and nobody was shown anything after the erasure
        assertThat(tips.find(tipId).block(TIMEOUT).history())
                .filteredOn(entry -> entry.kind() == HistoryEntry.Kind.CONTACT_SHOWN)
                .hasSize(1);

        // And the photo as received is gone: the page says so instead of a broken image, its address a 410
        assertThat(look).contains("Photo 1 erased with the resident").doesNotContain("/photos/" + photo.id() + "\"");
        first.get(web, "/tips/{id}/photos/{photo}", tipId, photo.id())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.GONE);

        // And the queue no longer offers it, nor lets a moderator publish it
        assertThat(moderation.api("/api/queue?area=" + area + "&limit=100"))
                .contains("\"contactGiven\":false")
                .doesNotContain(photo.id());
        moderation
                .decide(tipId, "{\"outcome\":\"APPROVED\",\"photos\":[{\"id\":\"" + photo.id() + "\"}]}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photos[0].id")
                .jsonPath("$.errors[0].message")
                .isEqualTo("was erased with the resident's contact details");
    }

    @Test
    void detailsErasedByRetentionSaySoAndAKeyGoneBeforeTheNewsArrivesSaysErasedToo() throws Exception {
        // Given two sealed tips
        String swept = TestTips.newTipId();
        String keyGone = TestTips.newTipId();
        moderation.submitAndAwaitQueued(TestTips.sealed(swept, area, sealed(swept), List.of()));
        moderation.submitAndAwaitQueued(TestTips.sealed(keyGone, area, sealed(keyGone), List.of()));

        // When retention erases the first, and the second's key is deleted before the news reaches moderation
        vault.erase(swept).block(TIMEOUT);
        moderation.send(ContactErased.of(swept, 2, Instant.now(), ContactErased.Cause.RETENTION, false));
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tips.find(swept).block(TIMEOUT).erasure() != null);
        vault.erase(keyGone).block(TIMEOUT);

        // Then each page says erased, naming retention where it is known, and nothing was shown
        assertThat(page(first, swept)).contains("when the retention period ran out");
        assertThat(tips.find(swept).block(TIMEOUT).history())
                .filteredOn(entry -> entry.kind() == HistoryEntry.Kind.CONTACT_ERASED)
                .singleElement()
                .satisfies(entry -> assertThat(entry.by()).isEqualTo(HistoryEntry.RETENTION));
        assertThat(page(first, keyGone)).contains("id=\"contact-erased\"").doesNotContain("sam.sealed@example.org");
        assertThat(tips.find(keyGone).block(TIMEOUT).history())
                .extracting(HistoryEntry::kind)
                .doesNotContain(HistoryEntry.Kind.CONTACT_SHOWN);
    }

    @Test
    void aPublishedStoryKeepsItsPhotoWhenThePhotosAsReceivedAreErased() throws Exception {
        // Given a sealed tip with two photos, published with the first
        String tipId = TestTips.newTipId();
        PhotoReference published = media.store(png(), "image/png", 40, 30).block(TIMEOUT);
        PhotoReference leftOut = media.store(png(), "image/png", 40, 30).block(TIMEOUT);
        moderation.submitAndAwaitQueued(TestTips.sealed(tipId, area, sealed(tipId), List.of(published, leftOut)));
        moderation
                .decide(tipId, "{\"outcome\":\"APPROVED\",\"photos\":[{\"id\":\"" + published.id() + "\"}]}")
                .expectStatus()
                .isOk();

        // When retention erases the contact details and the photos as received that no story uses
        vault.erase(tipId).block(TIMEOUT);
        media.delete(leftOut.id()).block(TIMEOUT);
        moderation.send(ContactErased.of(tipId, 2, Instant.now(), ContactErased.Cause.RETENTION, true));
        await().atMost(ModerationTestClient.PATIENCE)
                .until(() -> tips.find(tipId).block(TIMEOUT).erasure() != null);

        // Then the story's photo is still there, the other one is gone, and the story's record says so
        first.get(web, "/tips/{id}/photos/{photo}", tipId, published.id())
                .exchange()
                .expectStatus()
                .isOk();
        first.get(web, "/tips/{id}/photos/{photo}", tipId, leftOut.id())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.GONE);
        assertThat(first.page(web, "/tips/{id}/provenance", tipId))
                .contains("/photos/" + published.id())
                .contains("Photo 2 erased with the resident")
                .doesNotContain("/photos/" + leftOut.id());
    }

    @Test
    void detailsThatDoNotOpenHereAreAMessageOnThePageNotAnError() throws Exception {
        // Given a tip whose sealed details do not open with its key (another tip's sealed parts)
        String tipId = TestTips.newTipId();
        String other = TestTips.newTipId();
        SealedContact othersDetails = sealed(other);
        vault.seal(tipId, new ContactDetails("Somebody", null, null)).block(TIMEOUT);
        moderation.submitAndAwaitQueued(TestTips.sealed(tipId, area, othersDetails, List.of()));

        // When a moderator opens it
        String look = page(first, tipId);

        // Then the page (a 200) says the details cannot be opened here, and nothing was shown
        assertThat(look).contains("id=\"contact-unopenable\"").contains("cannot be opened here");
        assertThat(tips.find(tipId).block(TIMEOUT).history())
                .extracting(HistoryEntry::kind)
                .doesNotContain(HistoryEntry.Kind.CONTACT_SHOWN);
    }

    private SealedContact sealed(String tipId) {
        return vault.seal(tipId, new ContactDetails("Sam Sealed", "sam.sealed@example.org", "07700 900999"))
                .block(TIMEOUT);
    }

    private String page(PageSession session, String tipId) {
        return session.page(web, "/tips/{id}", tipId);
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
