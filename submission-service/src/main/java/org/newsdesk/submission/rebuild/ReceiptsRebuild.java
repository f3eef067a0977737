package org.newsdesk.submission.rebuild;

import java.time.Duration;
import java.util.List;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.TipWithdrawn;
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
 * Receipts apply events by revision, and a retraction, a withdrawal and an erasure whenever they
 * are read, so the three topics (and the types on one) may be read one after another. Corrections
 * change no receipt. A rebuilt receipt whose tip was erased is due for the retention sweep at once,
 * which makes sure the erasure was finished (deleting a key or photo already gone changes nothing).
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
        // What the log makes due was emailed (or not) when it happened: nothing is sent again.
        this.receipts = receipts.replayingTheLog();
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
                tip -> receipts.recordSubmission(tip).block(WRITE_TIMEOUT));
        // Withdrawals and erasures are facts kept once, whatever was read before them.
        long withdrawals = replay.replay(
                Topics.TIPS_SUBMITTED,
                TipWithdrawn.class,
                withdrawn -> receipts.recordWithdrawal(withdrawn.tipId(), withdrawn.withdrawnAt())
                        .block(WRITE_TIMEOUT));
        long erasures = replay.replay(
                Topics.TIPS_SUBMITTED,
                ContactErased.class,
                erased -> receipts.recordErasure(erased.tipId(), erased.erasedAt(), erased.cause())
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
        return tips + " tips, " + withdrawals + " withdrawals, " + erasures + " erasures, " + decisions + " decisions, "
                + retractions + " retractions, " + stories + " stories";
    }
}
