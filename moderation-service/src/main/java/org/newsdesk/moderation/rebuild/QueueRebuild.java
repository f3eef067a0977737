package org.newsdesk.moderation.rebuild;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.rebuild.ReadModelRebuild;
import org.newsdesk.messaging.rebuild.RebuildMode;
import org.newsdesk.messaging.rebuild.TopicReplay;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the moderators' tips from the log into an empty database ({@code --newsdesk.rebuild=true}):
 * every submitted tip first, then every decision this service announced, so decided tips come
 * back decided (same decision, same revision) and the rest come back to the queue. Nothing is
 * announced: the decisions are the log's own.
 */
@Component
@ConditionalOnBooleanProperty(RebuildMode.PROPERTY)
class QueueRebuild extends ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(QueueRebuild.class);

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final TopicReplay replay;
    private final ModeratedTips tips;

    QueueRebuild(
            ReactiveMongoOperations mongo,
            ConfigurableApplicationContext context,
            TopicReplay replay,
            ModeratedTips tips) {
        super(mongo, context);
        this.replay = replay;
        this.tips = tips;
    }

    @Override
    protected List<String> collections() {
        return List.of(ModeratedTip.COLLECTION);
    }

    @Override
    protected String rebuild() {
        // When a tip was first received is not in the log: the submission's time stands in for it.
        long submitted = replay.replay(
                Topics.TIPS_SUBMITTED,
                TipSubmitted.class,
                tip -> tips.receive(tip.tipId(), Submission.from(tip), tip.revision(), tip.submittedAt())
                        .block(WRITE_TIMEOUT));
        AtomicLong decided = new AtomicLong();
        replay.replay(Topics.TIPS_DECIDED, TipDecided.class, decision -> {
            if (Boolean.TRUE.equals(tips.restore(decision).block(WRITE_TIMEOUT))) {
                decided.incrementAndGet();
            } else {
                log.debug("Decision {} on tip {} changed nothing", decision.eventId(), decision.tipId());
            }
        });
        return submitted + " tips, " + decided.get() + " of them decided";
    }
}
