package org.newsdesk.submission;

import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The resident's side of the HTTP API, for tests that are about something else. */
public final class TipsApi {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    private TipsApi() {}

    /** A tip that was sent and accepted. */
    public record AcceptedTip(String tipId, String receipt) {}

    public static AcceptedTip submit(WebTestClient web) {
        return submit(web, TipJson.complete());
    }

    public static AcceptedTip submit(WebTestClient web, Map<String, Object> tip) {
        Map<String, Object> accepted = web.post()
                .uri("/api/tips")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TipJson.write(tip))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        return new AcceptedTip((String) accepted.get("tipId"), (String) accepted.get("receipt"));
    }

    /** The resident's act on their tip over the API: {@code withdrawal} or {@code erasure}. */
    public static WebTestClient.ResponseSpec act(WebTestClient web, String receipt, String act) {
        return web.post()
                .uri("/api/tips/{receipt}/" + act, receipt)
                .accept(MediaType.APPLICATION_JSON)
                .exchange();
    }

    /** What the resident sees for the receipt, or {@code null} while it is unknown. */
    public static Map<String, Object> receipt(WebTestClient web, String receipt) {
        EntityExchangeResult<Map<String, Object>> result = web.get()
                .uri("/api/tips/{receipt}", receipt)
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectBody(JSON_OBJECT)
                .returnResult();
        return result.getStatus().value() == HttpStatus.NOT_FOUND.value() ? null : result.getResponseBody();
    }
}
