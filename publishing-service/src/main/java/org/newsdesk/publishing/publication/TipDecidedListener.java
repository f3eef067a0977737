package org.newsdesk.publishing.publication;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.UnprocessableEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes moderators' decisions. Records that cannot be read at all (broken JSON, no type
 * header) never get here: the shared error handler sends them to the dead-letter topic.
 */
@Component
class TipDecidedListener {

    private final StoryPublication publication;

    TipDecidedListener(StoryPublication publication) {
        this.publication = publication;
    }

    /**
     * Takes the record rather than a {@code TipDecided} so that another event type on this topic
     * is reported as what it is and parked, not retried as a conversion error.
     */
    @KafkaListener(topics = Topics.TIPS_DECIDED)
    void on(ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof TipDecided decision)) {
            throw new UnprocessableEventException("Expected a " + TipDecided.TYPE + " on " + record.topic()
                    + ", got " + (record.value() == null ? "no value" : record.value().getClass().getSimpleName()));
        }
        publication.apply(decision);
    }
}
