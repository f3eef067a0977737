package org.newsdesk.publishing.publication;

import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes moderators' decisions. Records that cannot be read as one never get here: broken JSON,
 * no type header, or another event type on the topic fail to convert, and the shared error handler
 * sends them to the dead-letter topic without retrying.
 */
@Component
class TipDecidedListener {

    private final StoryPublication publication;

    TipDecidedListener(StoryPublication publication) {
        this.publication = publication;
    }

    @KafkaListener(topics = Topics.TIPS_DECIDED)
    void on(TipDecided decided) {
        publication.apply(decided);
    }
}
