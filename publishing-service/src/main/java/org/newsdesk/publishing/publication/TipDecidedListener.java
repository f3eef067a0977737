package org.newsdesk.publishing.publication;

import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.NewsdeskKafkaProperties;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.stereotype.Component;

/**
 * Consumes the editorial acts on {@code newsdesk.tips.decided}, one handler per type: moderators'
 * decisions, and editors' corrections and retractions of published stories. Records that cannot
 * be read as one of them never get here: broken JSON, no type header, or a type no handler takes
 * fail to convert or to dispatch, and the shared error handler sends them to the dead-letter
 * topic without retrying.
 */
@Component
@KafkaListener(topics = Topics.TIPS_DECIDED, concurrency = NewsdeskKafkaProperties.CONSUMER_PER_PARTITION)
class TipDecidedListener {

    private final StoryPublication publication;

    TipDecidedListener(StoryPublication publication) {
        this.publication = publication;
    }

    @KafkaHandler
    void on(TipDecided decided) {
        publication.apply(decided);
    }

    @KafkaHandler
    void on(StoryCorrected corrected) {
        publication.correct(corrected);
    }

    @KafkaHandler
    void on(StoryRetracted retracted) {
        publication.retract(retracted);
    }

    /**
     * Another type on the topic, one this service was never told of: refused as a message it
     * cannot convert, so the shared error handler parks it on the dead-letter topic at once,
     * without retrying, and the partition moves on. (Without it the listener would fail to find a
     * method for it, which the error handler retries first.)
     */
    @KafkaHandler(isDefault = true)
    void unknown(NewsdeskEvent other) {
        throw new MessageConversionException(
                "No handler for " + other.getClass().getSimpleName() + " on " + Topics.TIPS_DECIDED);
    }
}
