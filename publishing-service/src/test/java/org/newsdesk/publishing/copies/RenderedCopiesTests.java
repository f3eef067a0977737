package org.newsdesk.publishing.copies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.publishing.DecisionPartition;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.caching.Lifetime;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryQuery;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Readers' pages, feeds and the stories API are rendered once and served from their copy until a
 * story event changes what they show; then exactly the copies it changes are rendered again.
 */
@PublishingIntegrationTest
class RenderedCopiesTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    WebTestClient web;

    @Autowired
    RenderedCopies copies;

    @Autowired
    MeterRegistry meters;

    @Autowired
    StoryRepository stories;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    DecisionPartition decisions;

    String area;

    @BeforeEach
    void partition() {
        decisions = new DecisionPartition(kafka, new KafkaTopicProbe(broker.getBrokersAsString()));
        // An area of its own, which no other test's story changes.
        area = "Stanton " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aSecondRequestIsServedFromTheCopyWithTheSameBytesAndHeaders() {
        // Given a story in an area of its own
        Story story = publish("Copied story " + UUID.randomUUID().toString().substring(0, 6));
        String areaPage = "/areas/" + StoryQuery.key(area);

        for (String path : List.of(
                areaPage,
                areaPage + "/feed.atom",
                "/stories/" + story.slug(),
                "/api/stories/" + story.slug(),
                "/api/stories?area=" + StoryQuery.key(area))) {
            // When it is read twice, nothing changing in between
            await().atMost(PATIENCE).untilAsserted(() -> {
                EntityExchangeResult<byte[]> first = get(path);
                double rendered = rendered();
                EntityExchangeResult<byte[]> second = get(path);

                // Then the second is the copy of the first: nothing rendered, the same bytes and headers
                assertThat(rendered()).as(path).isEqualTo(rendered);
                assertThat(copies.holds(address(path))).as(path).isTrue();
                assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
                for (String header : List.of(
                        HttpHeaders.CONTENT_TYPE,
                        HttpHeaders.ETAG,
                        HttpHeaders.LAST_MODIFIED,
                        HttpHeaders.CACHE_CONTROL,
                        HttpHeaders.VARY,
                        "Content-Security-Policy",
                        HttpHeaders.CONTENT_LENGTH)) {
                    assertThat(second.getResponseHeaders().get(header))
                            .as(path + " " + header)
                            .isEqualTo(first.getResponseHeaders().get(header));
                }
            });
            // (A conditional request then gets its 304 from the copy: HttpCachingTests asks each
            // address twice, the second time with its tag.)
        }
    }

    @Test
    void theCopyIsByteForByteWhatTheHandlerRendersAgain() {
        // Given the area's page served from its copy
        publish("Rendered twice " + UUID.randomUUID().toString().substring(0, 6));
        String path = "/areas/" + StoryQuery.key(area);
        get(path);
        assertThat(copies.holds(address(path))).isTrue();
        byte[] copy = get(path).getResponseBody();

        // When the copy is dropped (as a story event would) and the page rendered again
        copies.refresh(new StoryChange(null, StoryQuery.key(area), "", false, false), "test");
        assertThat(copies.holds(address(path))).isFalse();
        byte[] rendered = get(path).getResponseBody();

        // Then both are the same bytes
        assertThat(copy).isEqualTo(rendered);
    }

    @Test
    void aStoryEventRefreshesExactlyTheCopiesItChanges() {
        // Given copies of an area's page and feed, another area's page, a story's page and the corrections column
        Story first =
                publish("First in its area " + UUID.randomUUID().toString().substring(0, 6));
        String otherArea = "Risley " + UUID.randomUUID().toString().substring(0, 8);
        String other = area;
        area = otherArea;
        publish("Elsewhere " + UUID.randomUUID().toString().substring(0, 6));
        area = other;
        String areaPage = "/areas/" + StoryQuery.key(area);
        String otherPage = "/areas/" + StoryQuery.key(otherArea);
        String storyPage = "/stories/" + first.slug();
        List<String> paths = List.of(areaPage, areaPage + "/feed.atom", otherPage, storyPage, "/", "/feed.atom");
        paths.forEach(this::get);
        assertThat(paths).allMatch(path -> copies.holds(address(path)));

        // And copies of searches for a word only the next story will hold
        String word = "w" + UUID.randomUUID().toString().substring(0, 6);
        List<String> searches = List.of("/search?q=" + word, "/api/stories?q=" + word);
        searches.forEach(search -> assertThat(text(search)).doesNotContain("Second in its area"));
        assertThat(searches).allMatch(search -> copies.holds(address(search)));

        // When a second story of the area is published
        String headline = "Second in its area " + word + " "
                + UUID.randomUUID().toString().substring(0, 6);
        publish(headline);

        // Then the area's page, its feed, the front page, the main feed and the searches show it at once
        for (String path : List.of(areaPage, areaPage + "/feed.atom", "/", "/feed.atom")) {
            assertThat(text(path)).as(path).contains(headline);
        }
        for (String search : searches) {
            assertThat(text(search)).as(search).contains(headline);
        }
        // And the other area's page and the first story's page are still the copies they were
        assertThat(copies.holds(address(otherPage))).isTrue();
        assertThat(copies.holds(address(storyPage))).isTrue();

        // When the first story is corrected
        String corrected = "Corrected headline " + UUID.randomUUID().toString().substring(0, 6);
        get("/corrections");
        StoryCorrected correction = Decisions.corrected(
                first.id(),
                Decisions.DECIDED_REVISION + 1,
                corrected,
                "Corrected text.",
                "We got it wrong.",
                Instant.now());
        decisions.send(correction);
        await().atMost(PATIENCE)
                .until(() -> stories.findById(first.id())
                        .block()
                        .corrections()
                        .containsKey(correction.eventId().toString()));
        awaitCopiesCaughtUp();

        // Then its page, its area's page, the front page and the corrections column show it at once
        for (String path : List.of(storyPage, areaPage, "/", "/corrections", "/api/stories/" + first.slug())) {
            assertThat(text(path)).as(path).contains(corrected);
        }
        // And the other area's page is still its copy
        assertThat(copies.holds(address(otherPage))).isTrue();

        // When it is withdrawn
        paths.forEach(this::get);
        decisions.send(
                Decisions.retracted(first.id(), Decisions.DECIDED_REVISION + 2, "It was untrue.", Instant.now()));
        await().atMost(PATIENCE)
                .until(() -> stories.findById(first.id()).block().retracted());
        awaitCopiesCaughtUp();

        // Then it is in no page, feed or API answer, and its page answers 410
        for (String path : List.of(
                areaPage,
                areaPage + "/feed.atom",
                "/",
                "/feed.atom",
                "/api/stories",
                "/api/stories?area=" + StoryQuery.key(area))) {
            assertThat(text(path)).as(path).doesNotContain(corrected);
        }
        web.get().uri(storyPage).exchange().expectStatus().isEqualTo(410);
        web.get().uri("/api/stories/" + first.slug()).exchange().expectStatus().isEqualTo(410);
    }

    @Test
    void sharedCachesMayKeepAndServeStaleCopiesBriefly() {
        publish("Headers " + UUID.randomUUID().toString().substring(0, 6));
        String areaPage = "/areas/" + StoryQuery.key(area);
        Map<String, Lifetime> lifetimes =
                Map.of(areaPage, Lifetime.PAGE, areaPage + "/feed.atom", Lifetime.FEED, "/api/stories", Lifetime.API);
        lifetimes.forEach((path, lifetime) -> {
            // Rendered, then from the copy: the same headers
            for (int read = 0; read < 2; read++) {
                web.get()
                        .uri(path)
                        .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .valueEquals(HttpHeaders.CACHE_CONTROL, lifetime.cacheControl());
            }
        });
        assertThat(Lifetime.PAGE.cacheControl())
                .isEqualTo("public, max-age=60, s-maxage=10, stale-while-revalidate=50, stale-if-error=300");
        // The API's answers, copies included, are readable from other sites and vary by Origin
        for (int read = 0; read < 2; read++) {
            web.get()
                    .uri("/api/stories")
                    .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                    .exchange()
                    .expectHeader()
                    .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .expectHeader()
                    .value(HttpHeaders.VARY, vary -> assertThat(vary).contains("Origin"));
        }
        // A request that takes no HTML gets no copy of a page, but what the handler says
        web.get()
                .uri(areaPage)
                .header(HttpHeaders.ACCEPT, "application/json")
                .exchange()
                .expectStatus()
                .isEqualTo(406);
    }

    private Story publish(String headline) {
        String tipId = Decisions.newTipId();
        TipDecided decided = Decisions.approved(tipId, headline, "What happened.");
        decisions.send(new TipDecided(
                decided.eventId(),
                decided.schemaVersion(),
                decided.occurredAt(),
                tipId,
                decided.revision(),
                decided.outcome(),
                headline,
                decided.body(),
                area,
                decided.category(),
                null,
                decided.decidedBy(),
                decided.decidedAt()));
        Story story =
                await().atMost(PATIENCE).until(() -> stories.findById(tipId).block(), s -> s != null);
        awaitCopiesCaughtUp();
        return story;
    }

    /**
     * Every instance's refresh listener has handled what was sent so far (its group committed the
     * topic's end), so no refresh of an earlier event is still to come.
     */
    private void awaitCopiesCaughtUp() {
        String group = listeners.getAllListenerContainers().stream()
                .map(container -> container.getGroupId())
                .filter(id -> id != null && id.startsWith("publishing-copies-"))
                .findFirst()
                .orElseThrow();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            await().atMost(PATIENCE).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get();
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                return !committed.isEmpty()
                        && committed.entrySet().stream()
                                .filter(entry -> entry.getKey().topic().equals(Topics.TIPS_DECIDED))
                                .allMatch(entry -> entry.getValue().offset()
                                        >= ends.get(entry.getKey()).offset());
            });
        }
    }

    private double rendered() {
        return meters.find("newsdesk.pages.rendered").counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    private EntityExchangeResult<byte[]> get(String path) {
        return web.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult();
    }

    private String text(String path) {
        return new String(get(path).getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String address(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path + "?" : path;
    }
}
