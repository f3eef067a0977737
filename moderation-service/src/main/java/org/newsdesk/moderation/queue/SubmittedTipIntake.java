package org.newsdesk.moderation.queue;

import java.time.Duration;
import java.time.Instant;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.UnprocessableEventException;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Puts every submitted tip into the moderators' queue, once: the tip id is the document id and
 * the write only inserts, so redelivery and replay change nothing.
 */
@Component
class SubmittedTipIntake {

    private static final Logger log = LoggerFactory.getLogger(SubmittedTipIntake.class);

    /** Long enough for a busy MongoDB, short enough that a dead one sends the record to the error handler. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final ModeratedTips tips;
    private final QueueChanges changes;

    SubmittedTipIntake(ModeratedTips tips, QueueChanges changes) {
        this.tips = tips;
        this.changes = changes;
    }

    /**
     * Listener threads are not the event loop, so waiting for MongoDB here is fine and keeps the
     * offset from being committed before the tip is stored. Anything on the topic that is not a
     * {@code TipSubmitted} cannot be converted to one, which the shared error handler parks at once.
     */
    @KafkaListener(topics = Topics.TIPS_SUBMITTED)
    void receive(TipSubmitted tip) {
        UnprocessableEventException.requireSchemaVersion(tip, TipSubmitted.SCHEMA_VERSION);
        Boolean isNew = tips.receive(tip.tipId(), Submission.from(tip), tip.revision(), Instant.now())
                .flatMap(created ->
                        created ? changes.record(tip.tipId(), "received").thenReturn(true) : Mono.just(false))
                .timeout(WRITE_TIMEOUT)
                .block();
        if (Boolean.TRUE.equals(isNew)) {
            log.info("Tip {} joined the moderation queue", tip.tipId());
        } else {
            log.debug("Tip {} was already known; event {} changed nothing", tip.tipId(), tip.eventId());
        }
    }
}
