package org.newsdesk.moderation.queue;

import java.time.Duration;
import java.time.Instant;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.TipWithdrawn;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.NewsdeskKafkaProperties;
import org.newsdesk.messaging.UnprocessableEventException;
import org.newsdesk.moderation.tip.ContactErasure;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.ModeratedTips.WithdrawalOutcome;
import org.newsdesk.moderation.tip.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What residents do, as it reaches the moderators, one handler per type on
 * {@code newsdesk.tips.submitted}: a tip joins the queue, a withdrawal takes an undecided tip out of
 * it (live, for every moderator watching), an erasure drops the resident's contact details. Each is
 * applied once, by a conditional write on the tip, so redelivery and replay change nothing.
 *
 * <p>Listener threads are not the event loop, so waiting for MongoDB here is fine and keeps the
 * offset from being committed before the change is stored.
 */
@Component
@KafkaListener(topics = Topics.TIPS_SUBMITTED, concurrency = NewsdeskKafkaProperties.CONSUMER_PER_PARTITION)
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

    @KafkaHandler
    void on(TipSubmitted tip) {
        UnprocessableEventException.requireSchemaVersion(tip, TipSubmitted.SCHEMA_VERSION);
        // The notice also for a tip already stored: a redelivery may follow a crash between the two
        // writes, and without the notice the queue's order would only learn of the tip at its next resync.
        Boolean isNew = tips.receive(tip.tipId(), Submission.from(tip), tip.revision(), Instant.now())
                .flatMap(created -> changes.record(tip.tipId(), "received").thenReturn(created))
                .timeout(WRITE_TIMEOUT)
                .block();
        if (Boolean.TRUE.equals(isNew)) {
            log.info("Tip {} joined the moderation queue", tip.tipId());
        } else {
            log.debug("Tip {} was already known; event {} changed nothing", tip.tipId(), tip.eventId());
        }
    }

    /** The live queue hears of it at once, so the tip leaves every moderator's list while they watch. */
    @KafkaHandler
    void on(TipWithdrawn withdrawn) {
        UnprocessableEventException.requireSchemaVersion(withdrawn, TipWithdrawn.SCHEMA_VERSION);
        WithdrawalOutcome outcome = tips.withdraw(
                        withdrawn.tipId(),
                        withdrawn.revision(),
                        withdrawn.withdrawnAt(),
                        withdrawn.eventId().toString())
                .flatMap(applied -> applied == WithdrawalOutcome.WITHDRAWN
                        ? changes.record(withdrawn.tipId(), "withdrawn").thenReturn(applied)
                        : Mono.just(applied))
                .timeout(WRITE_TIMEOUT)
                .block();
        switch (outcome) {
            case WITHDRAWN -> log.info("Tip {} was withdrawn by the resident", withdrawn.tipId());
            case TOO_LATE ->
                log.info("Tip {} was decided before the resident's withdrawal; the decision stands", withdrawn.tipId());
            case NOTHING ->
                log.debug(
                        "Withdrawal {} of tip {} changed nothing (already applied, or no such tip)",
                        withdrawn.eventId(),
                        withdrawn.tipId());
        }
    }

    @KafkaHandler
    void on(ContactErased erased) {
        UnprocessableEventException.requireSchemaVersion(erased, ContactErased.SCHEMA_VERSION);
        Boolean applied = tips.eraseContact(
                        erased.tipId(),
                        erased.revision(),
                        new ContactErasure(erased.erasedAt(), erased.cause(), erased.photosErased()),
                        erased.eventId().toString())
                .timeout(WRITE_TIMEOUT)
                .block();
        if (Boolean.TRUE.equals(applied)) {
            log.info("Contact details of tip {} were erased ({})", erased.tipId(), erased.cause());
        } else {
            log.debug(
                    "Erasure {} of tip {} changed nothing (already applied, or no such tip)",
                    erased.eventId(),
                    erased.tipId());
        }
    }

    /**
     * Another type on the topic, one this service was never told of: refused as a message it
     * cannot convert, so the shared error handler parks it on the dead-letter topic at once,
     * without retrying, and the partition moves on.
     */
    @KafkaHandler(isDefault = true)
    void unknown(NewsdeskEvent other) {
        throw new MessageConversionException(
                "No handler for " + other.getClass().getSimpleName() + " on " + Topics.TIPS_SUBMITTED);
    }
}
