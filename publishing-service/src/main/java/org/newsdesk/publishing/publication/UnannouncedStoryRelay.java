package org.newsdesk.publishing.publication;

import java.time.Duration;
import java.time.Instant;

import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.story.StoryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Announces the stories whose {@code StoryPublished} never got through: the listener stored the
 * story, then Kafka failed it for longer than the listener's retries lasted, and the decision
 * went to the dead-letter topic. Without this, the resident's receipt would wait for a
 * publication that already happened. Consumers are idempotent and the event id is derived from
 * the story, so the rare repeat does no harm.
 */
@Component
class UnannouncedStoryRelay {

    private static final Logger log = LoggerFactory.getLogger(UnannouncedStoryRelay.class);

    private final StoryRepository stories;
    private final StoryAnnouncer announcer;
    private final Duration gracePeriod;
    private final int batchSize;

    UnannouncedStoryRelay(StoryRepository stories, StoryAnnouncer announcer, PublishingProperties properties) {
        this.stories = stories;
        this.announcer = announcer;
        this.gracePeriod = properties.relay().gracePeriod();
        this.batchSize = properties.relay().batchSize();
    }

    /** One pass, oldest story first; it stops at the first failure, since with Kafka down every send would fail. */
    @Scheduled(fixedDelayString = "${newsdesk.publishing.relay.interval:10s}",
            initialDelayString = "${newsdesk.publishing.relay.interval:10s}")
    Mono<Void> relay() {
        return Mono.defer(() -> stories.unannouncedStoredBefore(Instant.now().minus(gracePeriod), batchSize)
                .concatMap(story -> announcer.announce(story)
                        .doOnSuccess(done -> log.info("Announced story {} from the relay", story.id())))
                .then()
                .onErrorResume(error -> {
                    log.warn("Could not announce unannounced stories, will try again: {}", error.toString());
                    return Mono.empty();
                }));
    }
}
