package org.newsdesk.publishing.publication;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.NewsdeskKafkaProperties;
import org.newsdesk.messaging.RecordFailures;
import org.newsdesk.messaging.tracing.TraceParent;
import org.newsdesk.publishing.story.StoryDraft;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes the editorial acts on {@code newsdesk.tips.decided}: moderators' decisions, and
 * editors' corrections and retractions of published stories.
 *
 * <p>A batch listener: decisions one after another on a partition are published together
 * ({@link StoryPublication#publish}), their stories stored in turn and made findable in one
 * write of the search index, so publishing keeps up with busy moderators. A correction or a
 * retraction is applied in its place, after the decisions before it, so it never overtakes its
 * story.
 *
 * <p>A record that fails is named to the shared error handler by its place in the batch
 * ({@link BatchListenerFailedException}, the failure itself as the cause): the records before it
 * are committed, and it is parked or retried as a record listener's would be. Records that cannot
 * be read as an event (broken JSON, no type header) or of a type this service was never told of
 * are parked at once, without retrying.
 */
@Component
class TipDecidedListener {

    /**
     * Decisions stored in one go at most: enough for the index write to be shared, few enough
     * that storing them stays well within the store timeout on a busy machine.
     */
    static final int STORIES_PER_WRITE = 50;

    private final StoryPublication publication;

    TipDecidedListener(StoryPublication publication) {
        this.publication = publication;
    }

    @KafkaListener(
            topics = Topics.TIPS_DECIDED,
            concurrency = NewsdeskKafkaProperties.CONSUMER_PER_PARTITION,
            batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        DecisionRun run = new DecisionRun();
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, Object> record = records.get(index);
            try {
                if (record.value() instanceof TipDecided decided) {
                    if (run.holds(decided.tipId()) || run.isFull()) {
                        // A tip decided again in the same batch: its first story is stored before
                        // the next decision reads it (its photos are copied against the stored ones).
                        run.publish();
                    }
                    run.add(index, publication.draft(decided, TraceParent.of(record)));
                    continue;
                }
                run.publish();
                apply(record);
            } catch (BatchListenerFailedException failed) {
                throw failed;
            } catch (RuntimeException failed) {
                // The decisions before it are published first: the error handler commits them.
                run.publish();
                throw new BatchListenerFailedException(
                        "Could not apply the record at " + index + " of the batch", failed, index);
            }
        }
        run.publish();
    }

    /** One record that is not a decision, applied on its own. */
    private void apply(ConsumerRecord<String, Object> record) {
        Object event = record.value();
        if (event instanceof StoryCorrected corrected) {
            publication.correct(corrected);
        } else if (event instanceof StoryRetracted retracted) {
            publication.retract(retracted);
        } else if (event == null) {
            throw RecordFailures.unreadable(record);
        } else {
            throw RecordFailures.noHandler(event, Topics.TIPS_DECIDED);
        }
    }

    /** Decisions one after another in the batch, published together when something else comes or the batch ends. */
    private final class DecisionRun {

        private final List<StoryDraft> drafts = new ArrayList<>();
        private final Set<String> tipIds = new HashSet<>();
        private int first = -1;

        boolean holds(String tipId) {
            return tipIds.contains(tipId);
        }

        boolean isFull() {
            return drafts.size() >= STORIES_PER_WRITE;
        }

        /** A decision that publishes nothing (null) takes no place in the run. */
        void add(int index, @Nullable StoryDraft draft) {
            if (draft == null) {
                return;
            }
            if (drafts.isEmpty()) {
                first = index;
            }
            drafts.add(draft);
            tipIds.add(draft.tipId());
        }

        void publish() {
            if (drafts.isEmpty()) {
                return;
            }
            try {
                publication.publish(drafts);
            } catch (RuntimeException failed) {
                // From the first of them: every one is published again, which changes nothing for those stored.
                throw new BatchListenerFailedException(
                        "Could not publish the stories of " + drafts.size() + " decision(s) from " + first
                                + " of the batch on",
                        failed,
                        first);
            }
            drafts.clear();
            tipIds.clear();
        }
    }
}
