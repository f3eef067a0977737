package org.newsdesk.submission.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.Topics;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.DistinctClients;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.submission.TipEvents;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.TipsApi;
import org.newsdesk.submission.TipsApi.AcceptedTip;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The resident's controls on the status page, as a browser without JavaScript posts them: the
 * code in a hidden field, a confirmation page first, then the status page saying it is done.
 */
@SubmissionIntegrationTest
class StatusPageControlsTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    WebTestClient web;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ContactVault vault;

    @Autowired
    SubmissionProperties properties;

    @Test
    void withdrawingAsksFirstThenWithdrawsOnceHoweverOftenItIsConfirmed() {
        // Given a tip nobody decided yet
        AcceptedTip tip = TipsApi.submit(web);

        // When its resident asks to withdraw it
        String confirmation = post("/status/withdrawal", tip.receipt(), null, HttpStatus.OK);

        // Then they are told what it means, and asked, with the code only in hidden fields
        assertThat(confirmation)
                .contains("Withdraw your tip?", "the editors will not publish it", "30 days")
                .contains("action=\"/status/withdrawal\"", "name=\"confirmed\" value=\"yes\"", "No, go back");
        assertThat(StatusPageTests.withoutHiddenCodes(confirmation)).doesNotContain(tip.receipt());
        assertThat(TipsApi.receipt(web, tip.receipt())).containsEntry("status", "RECEIVED");

        // When they confirm, twice (a second tap, or the page sent again)
        for (int i = 0; i < 2; i++) {
            String done = post("/status/withdrawal", tip.receipt(), "yes", HttpStatus.OK);

            // Then the status page says it is done, and offers no withdrawal any more
            assertThat(done)
                    .contains("Your tip is withdrawn", "Withdrawn by you", "Erase my contact details")
                    .doesNotContain("Withdraw this tip");
        }
        assertThat(TipsApi.receipt(web, tip.receipt())).containsEntry("status", "WITHDRAWN");
    }

    @Test
    void erasingAsksFirstThenErasesAndOffersNothingMoreToErase() {
        // Given a tip with contact details
        AcceptedTip tip = TipsApi.submit(web);
        assertThat(post("/status", tip.receipt(), null, HttpStatus.OK)).contains("Erase my contact details");

        // When its resident asks to erase them, Then they are told what it means
        assertThat(post("/status/erasure", tip.receipt(), null, HttpStatus.OK))
                .contains("Erase your contact details?", "Your tip itself stays as it is")
                .contains("Yes, erase my contact details");
        assertThat(vault.erased(tip.tipId()).block(PATIENCE)).isFalse();

        // When they confirm, twice
        for (int i = 0; i < 2; i++) {
            // Then they are erased, and the page says so and offers no erasure any more
            assertThat(post("/status/erasure", tip.receipt(), "yes", HttpStatus.OK))
                    .contains("Your contact details are erased", "Received", "Withdraw this tip")
                    .doesNotContain("Erase my contact details");
        }
        assertThat(vault.erased(tip.tipId()).block(PATIENCE)).isTrue();
    }

    @Test
    void aDecidedTipOffersNoWithdrawalAndSaysSoWhenOneIsSentAnyway() {
        // Given a declined tip
        AcceptedTip tip = TipsApi.submit(web);
        send(Topics.TIPS_DECIDED, ReceiptStatusTests.rejected(tip.tipId(), "Not local news"));
        String page = await().atMost(PATIENCE)
                .until(
                        () -> post("/status", tip.receipt(), null, HttpStatus.OK),
                        found -> found.contains("Not published"));

        // Then it offers no withdrawal, only the erasure
        assertThat(page).doesNotContain("Withdraw this tip").contains("Erase my contact details");

        // And a withdrawal sent anyway (an old page) is refused in plain words
        assertThat(post("/status/withdrawal", tip.receipt(), "yes", HttpStatus.OK))
                .contains("had already decided on your tip", "Not published");
        assertThat(TipsApi.receipt(web, tip.receipt())).containsEntry("status", "DECLINED");
    }

    @Test
    void anAnonymousTipWithoutPhotosHasNothingToErase() {
        // Given a tip without contact details or photos, once its receipt is built from the topic
        Map<String, Object> anonymous = TipJson.complete();
        anonymous.remove("name");
        anonymous.remove("email");
        anonymous.remove("phone");
        String receipt = TipsApi.submit(web, anonymous).receipt();

        // When its resident looks it up, Then only the withdrawal is offered
        await().atMost(PATIENCE)
                .until(
                        () -> post("/status", receipt, null, HttpStatus.OK),
                        page -> !page.contains("Erase my contact details"));
        assertThat(post("/status", receipt, null, HttpStatus.OK)).contains("Withdraw this tip");
    }

    @Test
    void unknownCodesAreAnsweredAsOnTheStatusPageAndCountAsGuesses() {
        // Given a client that sends as many unknown codes to the controls as it may guess
        String client = DistinctClients.randomClient();
        for (int i = 0; i < properties.receiptGuesses(); i++) {
            String path = i % 2 == 0 ? "/status/withdrawal" : "/status/erasure";
            web.post()
                    .uri(path)
                    .header("X-Forwarded-For", client)
                    .accept(MediaType.TEXT_HTML)
                    .body(BodyInserters.fromFormData(form("K7Q2-M9XD-4HRT-PW3C", "yes")))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody(String.class)
                    .value(page -> assertThat(page).contains("We could not find a tip with this code"));
        }

        // When it looks up a code, Then it waits
        web.post()
                .uri("/status")
                .header("X-Forwarded-For", client)
                .accept(MediaType.TEXT_HTML)
                .body(BodyInserters.fromFormData("receipt", "K7Q2-M9XD-4HRT-PW3C"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void aBlankCodeIsAskedForAgain() {
        web.post()
                .uri("/status/erasure")
                .accept(MediaType.TEXT_HTML)
                .body(BodyInserters.fromFormData(form(" ", "yes")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .value(page -> assertThat(page).contains("Type the receipt code you got when you sent your tip"));
    }

    private String post(String path, String receipt, String confirmed, HttpStatus expected) {
        return web.post()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .body(BodyInserters.fromFormData(form(receipt, confirmed)))
                .exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static MultiValueMap<String, String> form(String receipt, String confirmed) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("receipt", receipt);
        if (confirmed != null) {
            form.add("confirmed", confirmed);
        }
        return form;
    }

    private void send(String topic, NewsdeskEvent event) {
        TipEvents.send(kafka, topic, event);
    }
}
