package org.newsdesk.submission.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TipFormPosts;
import org.newsdesk.submission.TipsApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Every page a resident meets has a title that says what the page says, then the outlet: what a
 * tab, a bookmark and a screen reader announce first.
 */
@SubmissionIntegrationTest
class ResidentPageTitlesTests {

    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");
    private static final String OUTLET = " · Erewash Sound";

    @Autowired
    WebTestClient web;

    @Test
    void theFormItsErrorsAndItsReceiptAreTitledForWhatTheySay() {
        assertThat(title(web.get().uri("/").accept(MediaType.TEXT_HTML).exchange()))
                .isEqualTo("Tell us your news" + OUTLET);

        Map<String, String> withoutHeadline = TipFormPosts.complete();
        withoutHeadline.remove("headline");
        assertThat(title(TipFormPosts.post(web, TipFormPosts.multipart(withoutHeadline))))
                .isEqualTo("Error: tell us your news" + OUTLET);

        assertThat(title(TipFormPosts.post(web, TipFormPosts.multipart(TipFormPosts.complete()))))
                .isEqualTo("Thank you: your tip is with us" + OUTLET);

        assertThat(title(web.post()
                        .uri("/tips")
                        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=x"))
                        .accept(MediaType.TEXT_HTML)
                        .bodyValue("this is not a form")
                        .exchange()))
                .isEqualTo("We could not read your tip" + OUTLET);
    }

    @Test
    void theStatusPagesAreTitledForWhatTheySay() {
        assertThat(title(web.get().uri("/status").accept(MediaType.TEXT_HTML).exchange()))
                .isEqualTo("Check your tip" + OUTLET);
        assertThat(title(lookUp("/status", form("receipt", " ")))).isEqualTo("Error: check your tip" + OUTLET);
        assertThat(title(lookUp("/status", form("receipt", "M9XD-K7Q2-PW3C-4HRT"))))
                .isEqualTo("We could not find a tip with this code" + OUTLET);

        TipsApi.AcceptedTip tip = TipsApi.submit(web);
        assertThat(await().atMost(Duration.ofSeconds(30))
                        .until(() -> title(lookUp("/status", form("receipt", tip.receipt()))), title -> title != null))
                .isEqualTo("Your tip: Received" + OUTLET);
        assertThat(title(lookUp("/status/withdrawal", form("receipt", tip.receipt()))))
                .isEqualTo("Withdraw your tip?" + OUTLET);
        assertThat(title(lookUp("/status/erasure", form("receipt", tip.receipt()))))
                .isEqualTo("Erase your contact details?" + OUTLET);
    }

    @Test
    void thePrivacyPageIsTitledForWhatItSays() {
        assertThat(title(web.get().uri("/privacy").accept(MediaType.TEXT_HTML).exchange()))
                .isEqualTo("Your details and your privacy" + OUTLET);
    }

    private WebTestClient.ResponseSpec lookUp(String path, MultiValueMap<String, String> form) {
        return web.post()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .body(BodyInserters.fromFormData(form))
                .exchange();
    }

    private static MultiValueMap<String, String> form(String name, String value) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add(name, value);
        return form;
    }

    private static String title(WebTestClient.ResponseSpec response) {
        String page = response.expectBody(String.class).returnResult().getResponseBody();
        Matcher title = TITLE.matcher(page == null ? "" : page);
        return title.find() ? title.group(1) : null;
    }
}
