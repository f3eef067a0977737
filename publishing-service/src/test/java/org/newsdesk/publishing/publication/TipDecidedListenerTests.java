package org.newsdesk.publishing.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.messaging.outbox.OutboxRelay;
import org.newsdesk.publishing.DecisionPartition;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.SeedStory;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.mapping.AbstractJavaTypeMapper;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

@PublishingIntegrationTest
class TipDecidedListenerTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    StoryRepository stories;

    @Autowired
    Outbox storyOutbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    WebTestClient web;

    KafkaTopicProbe probe;
    DecisionPartition decisions;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
        decisions = new DecisionPartition(kafka, probe);
    }

    @Test
    void anApprovedTipBecomesAStoryAndIsAnnounced() {
        // Given a moderator approved a real story
        SeedStory seed = SeedStory.load(SeedStory.VICTIM_SUPPORT);
        String tipId = Decisions.newTipId();
        TipDecided decision = Decisions.approved(tipId, seed);

        // When the decision arrives
        decisions.send(decision);

        // Then StoryPublished is on its topic, keyed by the tip id, under its logical type name
        List<ConsumerRecord<String, String>> announcements = await().atMost(PATIENCE)
                .until(() -> probe.records(Topics.STORIES_PUBLISHED, tipId), records -> !records.isEmpty());
        assertThat(announcements).hasSize(1);
        assertThat(new String(
                        announcements
                                .get(0)
                                .headers()
                                .lastHeader(AbstractJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo(StoryPublished.TYPE);
        StoryPublished published = storiesPublished(tipId).get(0);
        assertThat(published.tipId()).isEqualTo(tipId);
        assertThat(published.schemaVersion()).isEqualTo(StoryPublished.SCHEMA_VERSION);
        assertThat(published.slug())
                .matches("police-and-crime-commissioner-welcomes-continuous-progress-in-victim-support(-[0-9]+)?");
        assertThat(published.url()).isEqualTo("https://news.example.org/stories/" + published.slug());
        assertThat(published.headline()).isEqualTo(seed.headline());
        assertThat(published.publishedAt()).isEqualTo(decision.decidedAt().truncatedTo(ChronoUnit.MILLIS));

        // And readers find the story under that slug, as the moderator approved it
        web.get()
                .uri("/api/stories/{slug}", published.slug())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(tipId)
                .jsonPath("$.slug")
                .isEqualTo(published.slug())
                .jsonPath("$.headline")
                .isEqualTo(seed.headline())
                .jsonPath("$.body")
                .isEqualTo(seed.body())
                .jsonPath("$.area")
                .isEqualTo("Erewash")
                .jsonPath("$.category")
                .isEqualTo("Crime and policing")
                .jsonPath("$.publishedAt")
                .isEqualTo(published.publishedAt().toString());
        assertThat(storyOutbox.isEmpty(tipId).block()).isTrue();
    }

    @Test
    void aDeclinedTipPublishesNothing() {
        // Given a declined tip, followed on the same partition by an approved one
        String declined = Decisions.newTipId();
        String approved = Decisions.newTipId();

        // When both decisions arrive
        decisions.send(Decisions.rejected(declined));
        decisions.send(Decisions.approved(approved, SeedStory.load(SeedStory.POLICE_AND_CRIME_PLAN)));

        // Then once the later one is published, the declined one has left no trace
        awaitAnnounced(approved);
        assertThat(stories.findById(declined).blockOptional()).isEmpty();
        assertThat(probe.records(Topics.STORIES_PUBLISHED, declined)).isEmpty();
    }

    @Test
    void redeliveredAndReplayedDecisionsChangeNothing() {
        // Given two decisions that were handled and announced
        String tipId = Decisions.newTipId();
        String other = Decisions.newTipId();
        TipDecided decision = Decisions.approved(tipId, SeedStory.load(SeedStory.POLICE_AND_CRIME_PLAN));
        TipDecided otherDecision = Decisions.approved(other, "Library opening hours extended", "From Monday...");
        decisions.send(decision);
        decisions.send(otherDecision);
        awaitAnnounced(tipId);
        awaitAnnounced(other);
        Story stored = stories.findById(tipId).block();
        Story otherStored = stories.findById(other).block();

        // When the first is delivered again at once, then both are replayed from the log, and a
        // copy of the first carrying different text (as a buggy producer might send) arrives too
        decisions.send(decision);
        decisions.send(decision);
        decisions.send(otherDecision);
        decisions.send(Decisions.approved(tipId, "A different headline", "A different body"));
        String marker = Decisions.newTipId();
        decisions.send(Decisions.approved(marker, "Marker story", "Sent last, handled last."));
        awaitAnnounced(marker);

        // Then each tip still has one story, unchanged, announced exactly once
        assertThat(stories.findById(tipId).block()).isEqualTo(stored);
        assertThat(stories.findById(other).block()).isEqualTo(otherStored);
        assertThat(storiesPublished(tipId)).hasSize(1);
        assertThat(storiesPublished(other)).hasSize(1);
    }

    @Test
    void twoTipsWithTheSameHeadlineGetDistinctSlugs() {
        // Given two residents reported the same thing, and both tips were approved
        String headline =
                "Road closed on Nottingham Road " + Decisions.newTipId().substring(0, 8);
        String first = Decisions.newTipId();
        String second = Decisions.newTipId();

        // When both decisions arrive
        decisions.send(Decisions.approved(first, headline, "Seen by a resident at 8am."));
        decisions.send(Decisions.approved(second, headline, "Seen by another resident at 9am."));

        // Then each story has its own address, the later one with a suffix
        String firstSlug = awaitAnnounced(first).slug();
        String secondSlug = awaitAnnounced(second).slug();
        assertThat(firstSlug).startsWith("road-closed-on-nottingham-road-");
        assertThat(secondSlug).isEqualTo(firstSlug + "-2");
        web.get()
                .uri("/api/stories/{slug}", secondSlug)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(second);
    }

    @Test
    void aStoryStoredRightBeforeACrashIsAnnouncedOnceByTheSweep() {
        // Given a story stored with its announcement by an instance that died before relaying it
        String tipId = Decisions.newTipId();
        TipDecided decision = Decisions.approved(
                tipId, "Bus shelter repaired", "After three months...", Instant.parse("2024-03-01T10:15:30.123Z"));
        Story stored = stories.store(new StoryDraft(
                        tipId,
                        decision.headline(),
                        decision.body(),
                        decision.area(),
                        decision.category(),
                        decision.decidedAt(),
                        decision.revision()))
                .block();

        // When the relay sweeps, as it does at every start, and the decision is delivered again too
        relay.sweep().block(PATIENCE);
        decisions.send(decision);
        String marker = Decisions.newTipId();
        decisions.send(Decisions.approved(marker, "Marker story", "Sent last, handled last."));
        awaitAnnounced(marker);

        // Then the story is announced, once, and otherwise left as it was
        assertThat(storiesPublished(tipId)).singleElement().satisfies(published -> {
            assertThat(published.slug()).isEqualTo(stored.slug());
            assertThat(published.revision()).isEqualTo(1);
        });
        assertThat(stories.findById(tipId).block()).isEqualTo(stored);
    }

    private List<StoryPublished> storiesPublished(String tipId) {
        return probe.records(Topics.STORIES_PUBLISHED, tipId).stream()
                .map(record -> JSON.readValue(record.value(), StoryPublished.class))
                .toList();
    }

    private Story awaitAnnounced(String tipId) {
        return await().atMost(PATIENCE)
                .until(
                        () -> stories.findById(tipId)
                                .blockOptional(Duration.ofSeconds(5))
                                .filter(story -> storyOutbox.isEmpty(tipId).block(Duration.ofSeconds(5)))
                                .orElse(null),
                        java.util.Objects::nonNull);
    }
}
