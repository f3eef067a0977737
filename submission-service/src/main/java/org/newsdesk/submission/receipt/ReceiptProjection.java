package org.newsdesk.submission.receipt;

import java.time.Duration;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.TipWithdrawn;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.UnprocessableEventException;
import org.newsdesk.submission.SubmissionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.stereotype.Component;

/**
 * Keeps each receipt in step with its tip by reading the log: the service's own submissions and
 * the resident's acts on them ({@link ResidentActs}), the moderators' decisions and the editors'
 * retractions ({@link EditorialActs}) and the published stories.
 *
 * <p>Listener threads are not the web server's, so waiting for MongoDB here is fine; a write that
 * fails is retried by the shared error handler and finally parked on the dead-letter topic.
 */
@Component
class ReceiptProjection {

    private static final Logger log = LoggerFactory.getLogger(ReceiptProjection.class);

    private final Receipts receipts;
    private final Duration storeTimeout;

    ReceiptProjection(Receipts receipts, SubmissionProperties properties) {
        this.receipts = receipts;
        this.storeTimeout = properties.storeTimeout();
    }

    @KafkaListener(id = "receipts-from-stories", idIsGroup = false, topics = Topics.STORIES_PUBLISHED)
    void on(StoryPublished published) {
        UnprocessableEventException.requireSchemaVersion(published, StoryPublished.SCHEMA_VERSION);
        // The event's own time, not the clock's, so replaying the log rebuilds identical receipts.
        receipts.recordStory(published).timeout(storeTimeout).block();
    }

    /**
     * The resident's tip and their acts on it, in order on one partition: the tip as sent, its
     * withdrawal and the erasure of its contact details. One handler per type; a type nobody
     * handles is dead-lettered.
     */
    @Component
    @KafkaListener(id = "receipts-from-submissions", idIsGroup = false, topics = Topics.TIPS_SUBMITTED)
    static class ResidentActs {

        private final Receipts receipts;
        private final Duration storeTimeout;

        ResidentActs(Receipts receipts, SubmissionProperties properties) {
            this.receipts = receipts;
            this.storeTimeout = properties.storeTimeout();
        }

        @KafkaHandler
        void on(TipSubmitted submitted) {
            UnprocessableEventException.requireSchemaVersion(submitted, TipSubmitted.SCHEMA_VERSION);
            receipts.recordSubmission(submitted).timeout(storeTimeout).block();
        }

        /** Usually known already: the withdrawal writes the receipt itself, so the resident reads it at once. */
        @KafkaHandler
        void on(TipWithdrawn withdrawn) {
            UnprocessableEventException.requireSchemaVersion(withdrawn, TipWithdrawn.SCHEMA_VERSION);
            receipts.recordWithdrawal(withdrawn.tipId(), withdrawn.withdrawnAt())
                    .timeout(storeTimeout)
                    .block();
        }

        /**
         * What was erased, so that a receipt rebuilt from the log knows it too; an erasure recorded
         * and not finished leaves the receipt due for the retention sweep, which finishes it.
         */
        @KafkaHandler
        void on(ContactErased erased) {
            UnprocessableEventException.requireSchemaVersion(erased, ContactErased.SCHEMA_VERSION);
            receipts.recordErasure(erased.tipId(), erased.erasedAt(), erased.cause())
                    .timeout(storeTimeout)
                    .block();
        }

        /** Another type on the topic, one this service was never told of: dead-lettered at once (see {@link EditorialActs}). */
        @KafkaHandler(isDefault = true)
        void unknown(NewsdeskEvent other) {
            throw new MessageConversionException(
                    "No handler for " + other.getClass().getSimpleName() + " on " + Topics.TIPS_SUBMITTED);
        }
    }

    /**
     * The editorial acts on a tip, in order on one partition: decisions, and for a published story
     * its corrections and its retraction. One handler per type, so that every type on the topic is
     * either applied or knowingly ignored; a type nobody handles is dead-lettered.
     */
    @Component
    @KafkaListener(id = "receipts-from-decisions", idIsGroup = false, topics = Topics.TIPS_DECIDED)
    static class EditorialActs {

        private final Receipts receipts;
        private final Duration storeTimeout;

        EditorialActs(Receipts receipts, SubmissionProperties properties) {
            this.receipts = receipts;
            this.storeTimeout = properties.storeTimeout();
        }

        @KafkaHandler
        void on(TipDecided decided) {
            UnprocessableEventException.requireSchemaVersion(decided, TipDecided.SCHEMA_VERSION);
            boolean changed = Boolean.TRUE.equals(
                    receipts.recordDecision(decided).timeout(storeTimeout).block());
            log.debug(
                    "Tip {} {} (revision {}): receipt {}",
                    decided.tipId(),
                    decided.outcome(),
                    decided.revision(),
                    changed ? "updated" : "already reflects it");
        }

        @KafkaHandler
        void on(StoryRetracted retracted) {
            UnprocessableEventException.requireSchemaVersion(retracted, StoryRetracted.SCHEMA_VERSION);
            boolean changed = Boolean.TRUE.equals(
                    receipts.recordRetraction(retracted).timeout(storeTimeout).block());
            log.debug("Tip {} story withdrawn: receipt {}", retracted.tipId(), changed ? "updated" : "knew it");
        }

        /**
         * A corrected story is still published at the same address: the receipt, which says only
         * whether and where, has nothing to change.
         */
        @KafkaHandler
        void on(StoryCorrected corrected) {
            UnprocessableEventException.requireSchemaVersion(corrected, StoryCorrected.SCHEMA_VERSION);
        }

        /**
         * Another type on the topic, one this service was never told of: refused as a message it
         * cannot convert, so the shared error handler parks it on the dead-letter topic at once,
         * without retrying. (Without it the listener would fail to find a method for it, which the
         * error handler retries first.)
         */
        @KafkaHandler(isDefault = true)
        void unknown(NewsdeskEvent other) {
            throw new MessageConversionException(
                    "No handler for " + other.getClass().getSimpleName() + " on " + Topics.TIPS_DECIDED);
        }
    }
}
