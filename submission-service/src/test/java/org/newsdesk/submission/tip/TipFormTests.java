package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.SealedContact;
import org.newsdesk.events.Topics;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipFormPosts;
import org.newsdesk.submission.photo.PhotoFixtures;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tip form as a browser without JavaScript uses it: plain HTML in, plain HTML out. */
@SubmissionIntegrationTest
class TipFormTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ContactVault vault;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void theFormOffersTheOutletsAreasAndTopicsAndSaysWhatIsOptional() {
        // Given the service with its default outlet
        // When a resident opens the form
        String page = web.get()
                .uri("/")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        policy -> assertThat(policy)
                                .contains("script-src 'self'", "form-action 'self'", "frame-ancestors 'none'"))
                .expectHeader()
                .valueEquals("Referrer-Policy", "no-referrer")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then it is Erewash Sound's form, posting every field of the contract as multipart to /tips
        assertThat(page).contains("Erewash Sound", "action=\"/tips\"", "enctype=\"multipart/form-data\"");
        for (String field : List.of(
                "headline", "body", "area", "happenedOn", "category", "name", "email", "phone", "contactConsent")) {
            assertThat(page).contains("name=\"" + field + "\"").contains("for=\"" + field + "\"");
        }
        // And a slot per photo, each with its own questions
        for (int slot = 0; slot < 5; slot++) {
            assertThat(page)
                    .contains(
                            "name=\"photos[" + slot + "]\"",
                            "name=\"photoCredits[" + slot + "].takenBy\"",
                            "name=\"photoCredits[" + slot + "].publishName\"");
        }
        // And it offers the Erewash places, "somewhere else" and the topics
        assertThat(page)
                .contains(">Ilkeston<", ">Long Eaton<", ">West Hallam<", ">Somewhere else<", ">Community safety<");
        // And it says what is optional and who sees the contact details
        assertThat(page)
                .contains(
                        "When it happened <span class=\"optional\">(optional)</span>",
                        "About you <span class=\"optional\">(all optional)</span>",
                        "Only the newsroom's editors see these details");
        // And its script and style are the service's own
        assertThat(page)
                .contains("src=\"/assets/tip-form.js\"", "href=\"/assets/submission.css\"")
                .doesNotContain("http://", "https://");
        web.get().uri("/assets/tip-form.js").exchange().expectStatus().isOk();
        web.get().uri("/assets/submission.css").exchange().expectStatus().isOk();
    }

    @Test
    void theFormStatesWhatPhotosItTakes() {
        // Given the service with its default photo limits
        // When a resident opens the form
        // Then it says how many photos, of what kind and how large
        web.get()
                .uri("/")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(page -> assertThat(page)
                        .contains("Up to 5 photos: JPEG, PNG or WebP, at most 10 MB and 50 megapixels each."));
    }

    @Test
    void aSentFormAnswersWithAReceiptAndTheTipGoesOutLikeOneFromTheApi() {
        // Given a resident who filled in the whole form
        String headline = "Flooding on Station Road " + UUID.randomUUID();
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("headline", headline);
        fields.put("formToken", TipFormPosts.formToken(web));

        // When they send it
        String page = TipFormPosts.post(web, TipFormPosts.multipart(fields))
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then the page shows their receipt code, what happens next and where to follow it
        String receipt = TipFormPosts.receiptOn(page);
        assertThat(receipt).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
        assertThat(page)
                .contains(
                        "What happens next",
                        "href=\"/status\"",
                        "Nobody else\n            will ever see this code again");

        // And the receipt opens the tip, which is on its way to the newsroom with every field
        web.get().uri("/api/tips/{receipt}", receipt).exchange().expectStatus().isOk();
        ConsumerRecord<String, String> record = awaitHeadline(headline);
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("area").asString()).isEqualTo("Ilkeston");
        assertThat(event.get("category").asString()).isEqualTo("Community safety");
        assertThat(event.get("happenedOn").asString()).isEqualTo("2023-07-26");
        assertThat(event.get("contactConsent").asBoolean()).isTrue();
        assertThat(event.get("contact").isNull()).isTrue();
        SealedContact sealed = JSON.treeToValue(event.get("sealedContact"), SealedContact.class);
        assertThat(vault.open(event.get("tipId").asString(), sealed).block(Duration.ofSeconds(10)))
                .isEqualTo(new ContactDetails("Angela Resident", "angela@example.org", "+44 115 496 0000"));
    }

    @Test
    void theSameFormSentTwiceIsOneTipWithOneReceipt() {
        // Given a filled-in form with its token
        String headline = "Bin collection missed " + UUID.randomUUID();
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("headline", headline);
        fields.put("formToken", TipFormPosts.formToken(web));

        // When it is sent twice (a double tap, or a refresh of the receipt page)
        String first = TipFormPosts.receiptOn(TipFormPosts.post(web, TipFormPosts.multipart(fields))
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        String second = TipFormPosts.receiptOn(TipFormPosts.post(web, TipFormPosts.multipart(fields))
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());

        // Then both answers show the same receipt, and one tip went to the newsroom
        assertThat(second).isEqualTo(first);
        awaitHeadline(headline);
        assertThat(probe.records(Topics.TIPS_SUBMITTED).stream()
                        .filter(r -> r.value().contains(headline)))
                .hasSize(1);

        // And the same token with a changed tip is not taken for a repeat: the form comes back to send anew
        fields.put("body", "Something else entirely, on another day.");
        String again = TipFormPosts.post(web, TipFormPosts.multipart(fields))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(again)
                .contains("You already sent this form once", "Something else entirely")
                .doesNotContain("id=\"receipt\"");
    }

    @Test
    void aFormWithMistakesComesBackWithEveryErrorLinkedToItsFieldAndTheInputKept() {
        // Given a form without a headline or topic, a bad email and an unreadable date
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("headline", "  ");
        fields.put("category", "");
        fields.put("email", "angela at example dot org");
        fields.put("happenedOn", "last Tuesday");
        fields.put("body", "The <b>bus shelter</b> on Bath Street was smashed again.");

        // When it is sent
        String page = TipFormPosts.post(web, TipFormPosts.multipart(fields))
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then the summary at the top lists each problem, in the form's order, linked to its field
        assertThat(page).contains("role=\"alert\"", "Please check your tip");
        assertThat(page)
                .containsSubsequence(
                        "href=\"#headline\">Give your tip a headline<",
                        "href=\"#happenedOn\">When it happened must be a date",
                        "href=\"#category\">Choose what your tip is about<",
                        "href=\"#email\">Email address must be an email address");
        // And each field in error says so to assistive technology
        assertThat(page)
                .containsPattern(
                        "id=\"headline\"[^>]*aria-describedby=\"headline-hint headline-error\"[^>]*aria-invalid=\"true\"")
                .containsPattern(
                        "id=\"email\"[^>]*aria-describedby=\"email-hint email-error\"[^>]*aria-invalid=\"true\"")
                .doesNotContainPattern("id=\"phone\"[^>]*aria-invalid");
        // And what they typed is still there, escaped, and nothing was sent
        assertThat(page)
                .contains(
                        "The &lt;b&gt;bus shelter&lt;/b&gt; on Bath Street was smashed again.",
                        "value=\"angela at example dot org\"",
                        "value=\"last Tuesday\"",
                        "value=\"+44 115 496 0000\"")
                .containsPattern("<option value=\"Ilkeston\" selected")
                .containsPattern("id=\"contactConsent\"[^>]*checked")
                .doesNotContain("<b>bus shelter</b>", "id=\"receipt\"");
    }

    @Test
    void theFormSaysFirstThatItIsNotForEmergenciesOrCrimeReports() {
        // Given the form
        String page = freshForm();

        // Then before any field, a warning names 999, 101 and Crimestoppers
        assertThat(page)
                .containsSubsequence(
                        "class=\"warning-text\"",
                        "<span class=\"visually-hidden\">Warning: </span>This form is not for",
                        "emergencies or crime reports",
                        "href=\"tel:999\">999<",
                        "href=\"tel:101\">101<",
                        "Crimestoppers anonymously",
                        "<form class=\"tip-form\"");
    }

    @Test
    void theFormAsksToChoosePhotosAgainOnlyWhenPhotosWereChosen() {
        // Given a form with a mistake and no photo chosen, every photo input sent empty as a browser sends it
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("headline", "");
        MultipartBodyBuilder withoutPhotos = TipFormPosts.multipart(fields);
        for (int slot = 0; slot < 5; slot++) {
            TipFormPosts.emptyPhotoInput(withoutPhotos, "photos[" + slot + "]");
        }
        // When it is sent, then the form comes back without asking for photos
        assertThat(refusedPage(withoutPhotos))
                .contains("Give your tip a headline")
                .doesNotContain(CHOOSE_AGAIN);

        // Given the same form with a photo chosen
        MultipartBodyBuilder withPhoto = TipFormPosts.multipart(fields);
        withPhoto
                .part("photos[1]", PhotoFixtures.named("flood.jpg", PhotoFixtures.noisyJpeg(40, 30)))
                .contentType(MediaType.IMAGE_JPEG);
        // When it is sent, then the form comes back asking to choose it again
        assertThat(refusedPage(withPhoto)).contains(CHOOSE_AGAIN);
    }

    @Test
    void mayWeContactYouIsOneChoiceAndYesNeedsAWayToContact() {
        // Given the form, then it asks once, with two answers that match the promise above them
        String form = freshForm();
        assertThat(form)
                .containsSubsequence(
                        "<legend>May we contact you about this tip?</legend>",
                        "type=\"radio\" value=\"yes\"",
                        "Yes, you may contact me about this tip",
                        "type=\"radio\" value=\"no\"",
                        ">No<")
                .doesNotContain("type=\"checkbox\"");

        // Given a resident who says yes but gives only their name
        Map<String, String> yesWithoutWay = TipFormPosts.complete();
        yesWithoutWay.remove("email");
        yesWithoutWay.remove("phone");
        // When it is sent, then the form says how to mend it, at the top and beside the choice
        String refused = refusedPage(TipFormPosts.multipart(yesWithoutWay));
        assertThat(refused)
                .contains(
                        "href=\"#contactConsent\">Give an email address or a phone number so we can contact you, or choose No<",
                        "id=\"contactConsent-error\">Give an email address or a phone number")
                .containsPattern("id=\"contactConsent\"[^>]*checked");

        // Given a resident who says no and gives no details at all
        Map<String, String> no = TipFormPosts.complete();
        no.remove("name");
        no.remove("email");
        no.remove("phone");
        no.put("contactConsent", "no");
        String headline = "Pothole on Nottingham Road " + UUID.randomUUID();
        no.put("headline", headline);
        // When it is sent, then it is taken, and goes out without consent
        TipFormPosts.post(web, TipFormPosts.multipart(no)).expectStatus().isOk();
        assertThat(awaitHeadline(headline).value()).contains("\"contactConsent\":false");
    }

    @Test
    void anAreaOrTopicNotOnTheFormIsRefused() {
        // Given a form whose area was tampered with
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("area", "Narnia");

        // When it is sent
        // Then it comes back asking for a place from the list
        TipFormPosts.post(web, TipFormPosts.multipart(fields))
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .value(page -> assertThat(page).contains("Choose where it happened from the list"));
    }

    @Test
    void aFormWhoseHoneypotIsFilledInIsNotTaken() {
        // Given a form filled in by a bot that fills in every field it finds
        String headline = "Cheap watches " + UUID.randomUUID();
        Map<String, String> fields = TipFormPosts.complete();
        fields.put("headline", headline);
        fields.put("website", "http://cheap-watches.example");

        // When it is sent
        String page = TipFormPosts.post(web, TipFormPosts.multipart(fields))
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then no receipt is given and no tip reaches the newsroom
        assertThat(page).doesNotContain("id=\"receipt\"").contains("Leave the field");
        // A tip sent after it lands after it: once that one is on the topic, the bot's would be too.
        Map<String, String> marker = TipFormPosts.complete();
        String markerHeadline = "Marker " + UUID.randomUUID();
        marker.put("headline", markerHeadline);
        TipFormPosts.post(web, TipFormPosts.multipart(marker)).expectStatus().isOk();
        awaitHeadline(markerHeadline);
        assertThat(probe.records(Topics.TIPS_SUBMITTED).stream()
                        .filter(r -> r.value().contains(headline)))
                .isEmpty();
    }

    private static final String CHOOSE_AGAIN = "Please choose your photos again";

    private String freshForm() {
        return web.get()
                .uri("/")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String refusedPage(MultipartBodyBuilder body) {
        return TipFormPosts.post(web, body)
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private ConsumerRecord<String, String> awaitHeadline(String headline) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> probe.records(Topics.TIPS_SUBMITTED).stream()
                                .filter(record -> record.value().contains(headline))
                                .findFirst(),
                        Optional::isPresent)
                .get();
    }
}
