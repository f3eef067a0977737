package org.newsdesk.publishing.publication;

import org.newsdesk.events.TipDecided;
import org.newsdesk.messaging.UnprocessableEventException;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a moderator's decision into a published story and tells the other services about it.
 *
 * <p>Two steps, each safe to repeat: store the story (a no-op when it is stored already), then
 * announce it unless Kafka already acknowledged an announcement. The story is marked announced
 * only after that acknowledgement, so a failed send fails the message, Kafka delivers it again,
 * and the retry finds the story stored and only announces it.
 *
 * <p>Runs on Kafka listener threads, which may block on MongoDB and Kafka; it is never called
 * from the web server's event loop.
 */
@Component
class StoryPublication {

    private static final Logger log = LoggerFactory.getLogger(StoryPublication.class);

    private final StoryRepository stories;
    private final StoryAnnouncer announcer;
    private final PublishingProperties properties;

    StoryPublication(StoryRepository stories, StoryAnnouncer announcer, PublishingProperties properties) {
        this.stories = stories;
        this.announcer = announcer;
        this.properties = properties;
    }

    void apply(TipDecided decision) {
        UnprocessableEventException.requireSchemaVersion(decision, TipDecided.SCHEMA_VERSION);
        if (decision.outcome() == TipDecided.Outcome.REJECTED) {
            log.debug("Tip {} was declined: nothing to publish", decision.tipId());
            return;
        }
        if (isBlank(decision.headline()) || isBlank(decision.body())) {
            throw new UnprocessableEventException(
                    "Approved TipDecided for tip " + decision.tipId() + " lacks a headline or a body");
        }
        Story story = stories.store(new StoryDraft(decision.tipId(), decision.headline(), decision.body(),
                        decision.area(), decision.category(), decision.decidedAt()))
                .timeout(properties.storeTimeout()).block();
        if (story.announced()) {
            log.debug("Tip {} is published and announced already: nothing to do", decision.tipId());
            return;
        }
        announcer.announce(story).timeout(properties.announceTimeout()).block();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
