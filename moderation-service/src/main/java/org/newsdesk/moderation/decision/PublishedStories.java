package org.newsdesk.moderation.decision;

import java.time.Duration;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.UnprocessableEventException;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.StoryLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns where readers find each story publishing put out, so that a decided tip's page links its
 * story and a duplicate's links the original's. Applied once per revision, by a conditional write
 * on the tip, so redelivery changes nothing.
 *
 * <p>Listener threads are not the event loop, so waiting for MongoDB here is fine and keeps the
 * offset from being committed before the address is stored.
 */
@Component
class PublishedStories {

    private static final Logger log = LoggerFactory.getLogger(PublishedStories.class);

    /** Long enough for a busy MongoDB, short enough that a dead one sends the record to the error handler. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final ModeratedTips tips;

    PublishedStories(ModeratedTips tips) {
        this.tips = tips;
    }

    @KafkaListener(id = "moderation-story-links", idIsGroup = false, topics = Topics.STORIES_PUBLISHED)
    void on(StoryPublished published) {
        UnprocessableEventException.requireSchemaVersion(published, StoryPublished.SCHEMA_VERSION);
        Boolean kept = tips.storyPublished(published.tipId(), new StoryLink(published.url(), published.revision()))
                .timeout(WRITE_TIMEOUT)
                .block();
        if (Boolean.TRUE.equals(kept)) {
            log.info("Tip {} has its story's address", published.tipId());
        } else {
            log.debug("Story announcement {} of tip {} changed nothing", published.eventId(), published.tipId());
        }
    }
}
