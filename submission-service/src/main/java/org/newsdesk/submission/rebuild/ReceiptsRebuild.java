package org.newsdesk.submission.rebuild;

import java.time.Duration;
import java.util.List;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.rebuild.ReadModelRebuild;
import org.newsdesk.messaging.rebuild.RebuildMode;
import org.newsdesk.messaging.rebuild.TopicReplay;
import org.newsdesk.submission.receipt.Receipts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the receipts from the log into an empty database ({@code --newsdesk.rebuild=true}).
 * Receipts apply events by revision, and a retraction whenever it is read, so the three topics
 * (and the types on one) may be read one after another. Corrections change no receipt.
 */
@Component
@ConditionalOnBooleanProperty(RebuildMode.PROPERTY)
class ReceiptsRebuild extends ReadModelRebuild {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final TopicReplay replay;
    private final Receipts receipts;

    ReceiptsRebuild(
            ReactiveMongoOperations mongo,
            ConfigurableApplicationContext context,
            TopicReplay replay,
            Receipts receipts) {
        super(mongo, context);
        this.replay = replay;
        this.receipts = receipts;
    }

    @Override
    protected List<String> collections() {
        return List.of(Receipts.COLLECTION);
    }

    @Override
    protected String rebuild() {
        long tips = replay.replay(
                Topics.TIPS_SUBMITTED,
                TipSubmitted.class,
                tip -> receipts.recordSubmission(tip.tipId(), tip.revision(), tip.receiptDigest(), tip.submittedAt())
                        .block(WRITE_TIMEOUT));
        long decisions = replay.replay(
                Topics.TIPS_DECIDED,
                TipDecided.class,
                decided -> receipts.recordDecision(decided).block(WRITE_TIMEOUT));
        // Last or not, a retraction wins: receipts keep it whatever they read afterwards.
        long retractions = replay.replay(
                Topics.TIPS_DECIDED,
                StoryRetracted.class,
                retracted -> receipts.recordRetraction(retracted).block(WRITE_TIMEOUT));
        long stories = replay.replay(
                Topics.STORIES_PUBLISHED,
                StoryPublished.class,
                published -> receipts.recordStory(published).block(WRITE_TIMEOUT));
        return tips + " tips, " + decisions + " decisions, " + retractions + " retractions, " + stories + " stories";
    }
}
