package org.newsdesk.publishing.publication;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.EventPublisher;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Tells the other services that a stored story is out. The story is marked announced only after
 * Kafka acknowledged the {@code StoryPublished}, so an announcement is never lost, only, rarely,
 * repeated.
 */
@Component
class StoryAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(StoryAnnouncer.class);

    private final StoryRepository stories;
    private final EventPublisher events;
    private final PublishingProperties properties;

    StoryAnnouncer(StoryRepository stories, EventPublisher events, PublishingProperties properties) {
        this.stories = stories;
        this.events = events;
        this.properties = properties;
    }

    Mono<Void> announce(Story story) {
        return events.publish(Topics.STORIES_PUBLISHED, storyPublished(story))
                .then(stories.markAnnounced(story.id()))
                .doOnSuccess(done -> log.info("Published tip {} as {}", story.id(), story.slug()));
    }

    /**
     * Everything in the event follows from the stored story, the event id included: should an
     * announcement go out twice (Kafka acknowledged it, but marking the story failed), both copies
     * are identical and consumers can recognise the second by its id.
     */
    private StoryPublished storyPublished(Story story) {
        UUID eventId = UUID.nameUUIDFromBytes(
                (StoryPublished.TYPE + ":" + story.id()).getBytes(StandardCharsets.UTF_8));
        return new StoryPublished(eventId, StoryPublished.SCHEMA_VERSION, story.publishedAt(), story.id(),
                story.slug(), story.headline(), properties.storyUrl(story.slug()), story.publishedAt());
    }
}
