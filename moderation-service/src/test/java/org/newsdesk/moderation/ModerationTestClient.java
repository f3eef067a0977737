package org.newsdesk.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Drives the service the way its users do: tips arrive over Kafka, moderators use the HTTP API. */
public final class ModerationTestClient {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final WebTestClient web;
    private final KafkaOperations<Object, Object> kafka;

    public ModerationTestClient(WebTestClient web, KafkaOperations<Object, Object> kafka) {
        this.web = web.mutate().responseTimeout(PATIENCE).build();
        this.kafka = kafka;
    }

    public SendResult<Object, Object> submit(TipSubmitted tip) throws Exception {
        return kafka.send(Topics.TIPS_SUBMITTED, tip.tipId(), tip).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** What a resident does after sending a tip (a withdrawal, an erasure), as submission-service announces it. */
    public SendResult<Object, Object> send(NewsdeskEvent residentsEvent) throws Exception {
        return kafka.send(Topics.TIPS_SUBMITTED, residentsEvent.tipId(), residentsEvent)
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Publishing's announcement that the tip's story is at {@code url}, as its {@code revision}th. */
    public SendResult<Object, Object> storyPublished(String tipId, long revision, String url) throws Exception {
        StoryPublished published = new StoryPublished(
                UUID.randomUUID(),
                StoryPublished.SCHEMA_VERSION,
                Instant.now(),
                tipId,
                revision,
                url.substring(url.lastIndexOf('/') + 1),
                "A story",
                url,
                Instant.now());
        return kafka.send(Topics.STORIES_PUBLISHED, tipId, published).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Returns once everything sent about the tip before has been read: a tip sent after it with the
     * same key, so on the same partition, is in the queue.
     */
    public void awaitAllReadAbout(String tipId) throws Exception {
        TipSubmitted marker = TestTips.policePlan(TestTips.newTipId());
        kafka.send(Topics.TIPS_SUBMITTED, tipId, marker).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(queuedTipIds()).contains(marker.tipId()));
    }

    public void submitAndAwaitQueued(TipSubmitted tip) throws Exception {
        submit(tip);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(queuedTipIds()).contains(tip.tipId()));
    }

    /** The whole queue, following {@code next} from page to page. */
    public List<QueueEntry> queue() {
        List<QueueEntry> all = new ArrayList<>();
        String cursor = "";
        do {
            QueueResponse page = queuePage("/api/queue?limit=500&cursor={cursor}", cursor);
            all.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        return all;
    }

    public QueueResponse queuePage(String uri, Object... variables) {
        return web.get()
                .uri(uri, variables)
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(QueueResponse.class)
                .returnResult()
                .getResponseBody();
    }

    /** A moderator's GET on the API, which must answer 200: the body as it came. */
    public String api(String uri, Object... variables) {
        return web.get()
                .uri(uri, variables)
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    public WebTestClient.ResponseSpec claim(String tipId) {
        return web.post()
                .uri("/api/tips/{tipId}/claim", tipId)
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange();
    }

    public List<String> queuedTipIds() {
        return queue().stream().map(QueueEntry::tipId).toList();
    }

    /** Sends no {@code Accept} header, as the simplest clients do. */
    public WebTestClient.ResponseSpec decide(String tipId, String json) {
        return decide(tipId, json, headers -> {});
    }

    public WebTestClient.ResponseSpec decide(String tipId, String json, MediaType accept) {
        return decide(tipId, json, headers -> headers.setAccept(List.of(accept)));
    }

    private WebTestClient.ResponseSpec decide(String tipId, String json, Consumer<HttpHeaders> moreHeaders) {
        return web.post()
                .uri("/api/tips/{tipId}/decision", tipId)
                .headers(headers -> {
                    headers.setBasicAuth(
                            ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
                    moreHeaders.accept(headers);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    public WebTestClient web() {
        return web;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QueueResponse(List<QueueEntry> items, String next, long waiting) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QueueEntry(
            String tipId,
            String headline,
            String body,
            String area,
            String category,
            Instant submittedAt,
            boolean contactGiven,
            int photoCount,
            Map<String, Object> claim,
            String heldNote,
            long revision) {}
}
