package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.TestClock;
import org.newsdesk.submission.TipFormPosts;
import org.newsdesk.submission.TipJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * "When it happened" is today at the latest, today being the outlet's day on the service's
 * clock. The outlet here is 14 hours ahead of UTC and the clock stands at noon UTC, so the
 * outlet's today is UTC's tomorrow: a day UTC calls the future is the outlet's today, and taken.
 */
@SubmissionIntegrationTest
@TestPropertySource(properties = "newsdesk.web.time-zone=Pacific/Kiritimati")
class OutletTodayTests {

    @Autowired
    WebTestClient web;

    @Autowired
    TestClock clock;

    LocalDate outletToday;

    @BeforeEach
    void noonUtc() {
        Instant now = clock.instant();
        Instant noon = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(36));
        clock.moveForward(Duration.between(now, noon));
        outletToday = LocalDate.ofInstant(noon, ZoneOffset.UTC).plusDays(1);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theFormTakesTheOutletsTodayAndRefusesTomorrowKeepingWhatWasTyped() {
        // Given a form dated the outlet's today, which is still tomorrow in UTC
        Map<String, String> today = TipFormPosts.complete();
        today.put("happenedOn", outletToday.toString());
        // When it is sent, then it is taken
        String receipt = TipFormPosts.receiptOn(TipFormPosts.post(web, TipFormPosts.multipart(today))
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        assertThat(receipt).isNotNull();

        // Given a form dated the outlet's tomorrow, typed as a person in the UK types it
        String tomorrow = outletToday.plusDays(1).format(java.time.format.DateTimeFormatter.ofPattern("d/M/uuuu"));
        Map<String, String> future = TipFormPosts.complete();
        future.put("happenedOn", tomorrow);
        future.put("headline", "A <b>flood</b> that has not happened yet");
        // When it is sent
        String page = TipFormPosts.post(web, TipFormPosts.multipart(future))
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        // Then it comes back saying so, in the summary and beside the field, with the resident's words
        assertThat(page)
                .contains(
                        "href=\"#happenedOn\">When it happened must be today or in the past<",
                        "id=\"happenedOn-error\">When it happened must be today or in the past<",
                        "value=\"" + tomorrow + "\"",
                        "value=\"A &lt;b&gt;flood&lt;/b&gt; that has not happened yet\"")
                .containsPattern("id=\"happenedOn\"[^>]*aria-invalid=\"true\"")
                .doesNotContain("id=\"receipt\"");
        // And the date picker offers no later day than the outlet's today
        assertThat(page).contains("max=\"" + outletToday + "\"");
    }

    @Test
    void theApiTakesTheOutletsTodayAndRefusesTomorrowNamingTheField() {
        // Given a tip dated the outlet's today, then one dated its tomorrow
        // When each is sent, then the first is accepted
        post(TipJson.with("happenedOn", outletToday.toString())).expectStatus().isAccepted();
        // And the second is a problem naming the field
        post(TipJson.with("happenedOn", outletToday.plusDays(1).toString()))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(1)
                .jsonPath("$.errors[0].field")
                .isEqualTo("happenedOn")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be today or in the past");
    }

    private WebTestClient.ResponseSpec post(Map<String, Object> tip) {
        return web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(tip))
                .exchange();
    }
}
