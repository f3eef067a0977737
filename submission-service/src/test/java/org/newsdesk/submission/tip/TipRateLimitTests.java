package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsdesk.submission.DistinctClients;
import org.newsdesk.submission.SubmissionIntegrationTest;
import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.submission.TipFormPosts;
import org.newsdesk.submission.TipJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One client may send so many tips an hour, through the form and the API together. */
@SubmissionIntegrationTest
class TipRateLimitTests {

    @Autowired
    WebTestClient web;

    @Autowired
    SubmissionProperties properties;

    @Test
    void aClientThatSentItsHoursTipsIsAskedToWaitByTheApiAndTheForm() {
        // Given a client that sent as many tips as one may in an hour, half of them from the form
        String client = DistinctClients.randomClient();
        int limit = properties.tipRateLimit();
        assertThat(limit).as("the limit the service runs with").isPositive();
        for (int i = 0; i < limit; i++) {
            if (i % 2 == 0) {
                api(client, TipJson.write(TipJson.complete())).expectStatus().isAccepted();
            } else {
                form(client, TipFormPosts.complete()).expectStatus().isOk();
            }
        }

        // When it sends one more to the API
        // Then it is told to wait, in problem details, and for how long
        api(client, TipJson.write(TipJson.complete()))
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L / limit + 1))
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(429)
                .jsonPath("$.title")
                .isEqualTo("Too many tips");

        // And the form answers with a page that says so kindly
        form(client, TipFormPosts.complete())
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .value(page -> assertThat(page)
                        .contains("Please wait a little before sending more", "It has not been saved")
                        .doesNotContain("id=\"receipt\""));

        // And a mistake in a tip is still pointed out, rather than counted
        Map<String, String> invalid = TipFormPosts.complete();
        invalid.put("headline", "");
        form(client, invalid).expectStatus().isBadRequest();

        // And any other client sends its tip as usual
        api(DistinctClients.randomClient(), TipJson.write(TipJson.complete()))
                .expectStatus()
                .isAccepted();
    }

    private WebTestClient.ResponseSpec api(String client, String tip) {
        return web.post()
                .uri("/api/tips")
                .header("X-Forwarded-For", client)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(tip)
                .exchange();
    }

    private WebTestClient.ResponseSpec form(String client, Map<String, String> fields) {
        return web.post()
                .uri("/tips")
                .header("X-Forwarded-For", client)
                .accept(MediaType.TEXT_HTML)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(TipFormPosts.multipart(fields).build())
                .exchange();
    }
}
