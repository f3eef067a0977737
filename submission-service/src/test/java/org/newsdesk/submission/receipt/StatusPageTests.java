package org.newsdesk.submission.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.DistinctClients;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.web.time.OutletTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The status page: a receipt code in a POST body, the tip's status in plain words out. */
@SubmissionIntegrationTest
class StatusPageTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern SENT =
            Pattern.compile("<dt>Sent</dt>\\s*<dd><time datetime=\"([^\"]+)\">([^<]+)</time></dd>");

    @Autowired
    OutletTime outletTime;

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    SubmissionProperties properties;

    @Test
    void theStatusPageAsksForTheCodeAndNeverPutsItInAnAddress() {
        // Given a resident who opens the status page
        String page = web.get()
                .uri("/status")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then it has one field for the code, which the form posts
        assertThat(page)
                .contains(
                        "<form method=\"post\" action=\"/status\"",
                        "name=\"receipt\"",
                        "<label for=\"receipt\">Your receipt code</label>");
    }

    @Test
    void aNewTipIsReceivedThenPublishedWithALinkToTheStory() {
        // Given a tip that was just sent
        TipsApi.AcceptedTip tip = TipsApi.submit(web);

        // When its resident looks it up, typed carelessly
        // Then it is received
        // and its code is only in the hidden fields of the resident's own forms, never in a link
        String received = lookUp(tip.receipt().toLowerCase().replace("-", " "), HttpStatus.OK);
        assertThat(received)
                .contains("Received", "waiting for an editor")
                .contains("<input type=\"hidden\" name=\"receipt\" value=\"" + tip.receipt() + "\">")
                .doesNotContain("href=\"" + tip.receipt(), "?receipt=");
        assertThat(withoutHiddenCodes(received))
                .doesNotContain(tip.tipId(), tip.receipt(), "angela@example.org", "Angela Resident", "moderator");

        // And once the moderators approved it and the story is out, it is published with a link to it
        send(Topics.TIPS_DECIDED, ReceiptStatusTests.approved(tip.tipId()));
        send(Topics.STORIES_PUBLISHED, ReceiptStatusTests.published(tip.tipId(), "street-lights-derby-road"));
        String published = await().atMost(PATIENCE)
                .until(() -> lookUp(tip.receipt(), HttpStatus.OK), page -> page.contains("Published"));
        assertThat(published)
                .contains("href=\"http://localhost:8083/stories/street-lights-derby-road\"", "Read the story")
                .doesNotContain(tip.tipId(), "angela@example.org");
        assertThat(withoutHiddenCodes(published)).doesNotContain(tip.receipt());
    }

    @Test
    void aFoundTipSaysWhichTipItIsAndWhenItWasSentInTheOutletsTime() {
        // Given a tip sent with a headline that looks like markup
        String headline = "Street <i>lights</i> out on Derby Road " + UUID.randomUUID();
        TipsApi.AcceptedTip tip = TipsApi.submit(web, TipJson.with("headline", headline));

        // When its resident looks it up, once the tip is read back from the log
        String page = await().atMost(PATIENCE)
                .until(() -> lookUp(tip.receipt(), HttpStatus.OK), found -> found.contains("Your tip</dt>"));

        // Then the page names the tip by its headline, escaped
        assertThat(page)
                .contains("<dd>" + headline.replace("<", "&lt;").replace(">", "&gt;") + "</dd>")
                .doesNotContain("<i>lights</i>");
        // And says when it was sent, in the outlet's time, with the instant for machines
        Matcher sent = SENT.matcher(page);
        assertThat(sent.find()).as("a <time> for when it was sent in %s", page).isTrue();
        Instant at = OffsetDateTime.parse(sent.group(1)).toInstant();
        assertThat(at).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
        assertThat(sent.group(2)).isEqualTo(outletTime.dateTime(at).text());
    }

    @Test
    void aBlankCodeComesBackWithTheFormsErrorSummaryNotTheBrowsersBubble() {
        // Given the status page, whose form leaves checking to the page
        String empty = web.get()
                .uri("/status")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(empty).containsPattern("<form method=\"post\" action=\"/status\"[^>]*novalidate");

        // When a resident sends it without a code
        String page = lookUp("   ", HttpStatus.BAD_REQUEST);

        // Then the page says so at the top, linked to the field, and beside the field, as the tip form does
        assertThat(page)
                .contains(
                        "id=\"error-summary\"",
                        "<a href=\"#receipt\">Type the receipt code you got when you sent your tip</a>",
                        "id=\"receipt-error\">Type the receipt code you got when you sent your tip<")
                .containsPattern("id=\"receipt\"[^>]*aria-describedby=\"receipt-hint receipt-error\"")
                .containsPattern("id=\"receipt\"[^>]*aria-invalid=\"true\"");
    }

    /** The page less the hidden fields that carry the code to the resident's own forms. */
    static String withoutHiddenCodes(String page) {
        return page.replaceAll("<input type=\"hidden\" name=\"receipt\" value=\"[^\"]*\">", "");
    }

    @Test
    void aDeclinedTipSaysSoWithTheModeratorsReasonEscaped() {
        // Given a tip the moderators declined, with a reason that looks like markup
        TipsApi.AcceptedTip tip = TipsApi.submit(web);
        send(Topics.TIPS_DECIDED, ReceiptStatusTests.rejected(tip.tipId(), "We <b>covered</b> this last week."));

        // When its resident looks it up
        String page = await().atMost(PATIENCE)
                .until(() -> lookUp(tip.receipt(), HttpStatus.OK), found -> found.contains("Not published"));

        // Then they read the reason, as text
        assertThat(page)
                .contains(
                        "The editors decided not to publish your tip.", "We &lt;b&gt;covered&lt;/b&gt; this last week.")
                .doesNotContain("<b>covered</b>");
    }

    @Test
    void anUnknownCodeAndAMalformedOneGetTheSameKindAnswer() {
        // Given a code nobody was given, and one that cannot be a code
        // When each is looked up
        String unknown = lookUp("M9XD-K7Q2-PW3C-4HRT", HttpStatus.NOT_FOUND);
        String malformed = lookUp("<script>alert(1)</script>", HttpStatus.NOT_FOUND);

        // Then both are answered alike, each keeping what was typed in the field to be mended, escaped
        assertThat(unknown).contains("We could not find a tip with this code", "value=\"M9XD-K7Q2-PW3C-4HRT\"");
        assertThat(malformed)
                .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .doesNotContain("<script>alert");
        assertThat(unknown.replace("M9XD-K7Q2-PW3C-4HRT", "typed"))
                .isEqualTo(malformed.replace("&lt;script&gt;alert(1)&lt;/script&gt;", "typed"));
    }

    @Test
    void guessingCodesIsSlowedDownAndThenEveryLookupWaits() {
        // Given one client, and a real tip's code
        String client = DistinctClients.randomClient();
        TipsApi.AcceptedTip tip = TipsApi.submit(web);

        // When it looks up as many wrong codes as one client may in an hour
        for (int i = 0; i < properties.receiptGuesses(); i++) {
            lookUpFrom(client, "K7Q2-M9XD-4HRT-PW3C").expectStatus().isNotFound();
        }

        // Then the next lookup waits, right code or not, and says for how long
        lookUpFrom(client, tip.receipt())
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        seconds -> assertThat(Long.parseLong(seconds)).isPositive())
                .expectBody(String.class)
                .value(page -> assertThat(page).contains("Please wait a little").doesNotContain("Received"));

        // And the API, the other way to look a code up, makes it wait too
        web.get()
                .uri("/api/tips/{receipt}", tip.receipt())
                .header("X-Forwarded-For", client)
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER);

        // And another client is not held up by it
        assertThat(lookUp(tip.receipt(), HttpStatus.OK)).contains("Received");
    }

    @Test
    void wrongCodesLookedUpThroughTheApiCountAsGuessesToo() {
        // Given one client that looks up as many wrong codes through the API as it may
        String client = DistinctClients.randomClient();
        for (int i = 0; i < properties.receiptGuesses(); i++) {
            web.get()
                    .uri("/api/tips/{receipt}", "K7Q2-M9XD-4HRT-PW3C")
                    .header("X-Forwarded-For", client)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        // When it tries the status page
        // Then it is asked to wait
        lookUpFrom(client, "K7Q2-M9XD-4HRT-PW3C").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    private String lookUp(String typed, HttpStatus expected) {
        return web.post()
                .uri("/status")
                .accept(MediaType.TEXT_HTML)
                .body(BodyInserters.fromFormData("receipt", typed))
                .exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.ResponseSpec lookUpFrom(String client, String typed) {
        return web.post()
                .uri("/status")
                .accept(MediaType.TEXT_HTML)
                .header("X-Forwarded-For", client)
                .body(BodyInserters.fromFormData("receipt", typed))
                .exchange();
    }

    private void send(String topic, NewsdeskEvent event) {
        try {
            kafka.send(topic, event.tipId(), event).get(10, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException("Could not send " + event + " to " + topic, ex);
        }
    }
}
