package org.newsdesk.submission.rebuild;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.NewsdeskEvent;
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
import reactor.core.publisher.Mono;

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
        AtomicLong tips = new AtomicLong();
        AtomicLong withdrawals = new AtomicLong();
        AtomicLong erasures = new AtomicLong();
        // Withdrawals and erasures are facts kept once, whatever was read before them, so one pass
        // over the residents' topic applies them with the tips.
        replay.apply(Topics.TIPS_SUBMITTED, NewsdeskEvent.class, event -> {
            if (event instanceof TipSubmitted tip) {
                tips.incrementAndGet();
                return receipts.recordSubmission(tip);
            }
            if (event instanceof TipWithdrawn withdrawn) {
                withdrawals.incrementAndGet();
                return receipts.recordWithdrawal(withdrawn.tipId(), withdrawn.withdrawnAt());
            }
            if (event instanceof ContactErased erased) {
                erasures.incrementAndGet();
                return receipts.recordErasure(erased.tipId(), erased.erasedAt(), erased.cause());
            }
            return Mono.empty();
        });
        AtomicLong decisions = new AtomicLong();
        AtomicLong retractions = new AtomicLong();
        // Last or not, a retraction wins: receipts keep it whatever they read afterwards.
        replay.apply(Topics.TIPS_DECIDED, NewsdeskEvent.class, event -> {
            if (event instanceof TipDecided decided) {
                decisions.incrementAndGet();
                return receipts.recordDecision(decided);
            }
            if (event instanceof StoryRetracted retracted) {
                retractions.incrementAndGet();
                return receipts.recordRetraction(retracted);
            }
            return Mono.empty();
        });
        long stories = replay.apply(Topics.STORIES_PUBLISHED, StoryPublished.class, receipts::recordStory);
        return tips + " tips, " + withdrawals + " withdrawals, " + erasures + " erasures, " + decisions + " decisions, "
                + retractions + " retractions, " + stories + " stories";
    }
}
