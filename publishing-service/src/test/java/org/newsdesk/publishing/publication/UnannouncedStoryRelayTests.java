package org.newsdesk.publishing.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.Topics;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

@PublishingIntegrationTest
class UnannouncedStoryRelayTests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Autowired
    UnannouncedStoryRelay relay;

    @Autowired
    StoryRepository stories;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void aStoryWhoseAnnouncementNeverGotThroughIsAnnouncedByTheRelay() {
        // Given a story stored long ago whose announcement Kafka never acknowledged (its decision
        // went to the dead-letter topic, so no redelivery will announce it)
        String tipId = Decisions.newTipId();
        Story stored = stories.store(new StoryDraft(tipId, "Footpath reopens by the canal",
                "The towpath between the locks is open again.", "Sandiacre", "Environment",
                Instant.parse("2024-05-02T09:00:00Z"))).block();
        mongo.updateFirst(query(where("_id").is(tipId)),
                new Update().set("storedAt", Instant.now().minus(Duration.ofHours(1))), Story.class).block();

        // When the relay makes a pass
        relay.relay().block(Duration.ofSeconds(30));

        // Then the story is announced with its own address, and marked so it is not announced again
        StoryPublished announced = JSON.readValue(new KafkaTopicProbe(bootstrapServers)
                .awaitRecord(Topics.STORIES_PUBLISHED, tipId).value(), StoryPublished.class);
        assertThat(announced.slug()).isEqualTo(stored.slug());
        assertThat(announced.url()).endsWith("/stories/" + stored.slug());
        assertThat(stories.findById(tipId).block().announced()).isTrue();
    }

    @Test
    void aStoryJustStoredIsLeftToItsListener() {
        // Given a story stored a moment ago, its listener presumably still announcing it
        String tipId = Decisions.newTipId();
        stories.store(new StoryDraft(tipId, "Market moves to Saturday", "From next month.", null, null,
                Instant.parse("2024-05-03T09:00:00Z"))).block();

        // When the relay makes a pass
        relay.relay().block(Duration.ofSeconds(30));

        // Then it does not race the listener: the story is still waiting for its own announcement
        assertThat(stories.unannouncedStoredBefore(Instant.now().minus(Duration.ofMinutes(1)), 1000)
                .map(Story::id).collectList().block()).doesNotContain(tipId);
        assertThat(stories.findById(tipId).block().announced()).isFalse();
    }
}
