package org.newsdesk.moderation.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.newsdesk.events.ContactErased;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.TipWithdrawn;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.rebuild.ReadModelRebuild;
import org.newsdesk.messaging.rebuild.RebuildMode;
import org.newsdesk.messaging.rebuild.TopicReplay;
import org.newsdesk.moderation.tip.ContactErasure;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.StoryLink;
import org.newsdesk.moderation.tip.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Rebuilds the moderators' tips from the log into an empty database ({@code --newsdesk.rebuild=true}):
 * every submitted tip first, then every decision this service announced and the address of every
 * story published from one, then the residents' withdrawals and erasures, so decided tips come back decided (same decision, same revision),
 * withdrawn ones withdrawn, erased contact details stay erased, and the rest come back to the
 * queue. Nothing is announced: the decisions are the log's own.
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
        // One pass over the residents' topic: tips are stored at once, their withdrawals and erasures
        // kept (small, a few per tip at most) to apply after the decisions.
        List<NewsdeskEvent> afterDecisions = Collections.synchronizedList(new ArrayList<>());
        AtomicLong submitted = new AtomicLong();
        replay.apply(Topics.TIPS_SUBMITTED, NewsdeskEvent.class, event -> {
            if (event instanceof TipSubmitted tip) {
                submitted.incrementAndGet();
                // When a tip was first received is not in the log: the submission's time stands in for it.
                return tips.receive(tip.tipId(), Submission.from(tip), tip.revision(), tip.submittedAt());
            }
            if (event instanceof TipWithdrawn || event instanceof ContactErased) {
                afterDecisions.add(event);
            } else {
                log.warn(
                        "Skipping a {} on {}: not a resident's event",
                        event.getClass().getSimpleName(),
                        Topics.TIPS_SUBMITTED);
            }
            return Mono.empty();
        });
        AtomicLong decided = new AtomicLong();
        replay.apply(
                Topics.TIPS_DECIDED,
                TipDecided.class,
                decision -> tips.restore(decision).doOnNext(changed -> {
                    if (changed) {
                        decided.incrementAndGet();
                    } else {
                        log.debug("Decision {} on tip {} changed nothing", decision.eventId(), decision.tipId());
                    }
                }));
        AtomicLong linked = new AtomicLong();
        replay.apply(
                Topics.STORIES_PUBLISHED,
                StoryPublished.class,
                published -> tips.storyPublished(
                                published.tipId(), new StoryLink(published.url(), published.revision()))
                        .doOnNext(changed -> {
                            if (changed) {
                                linked.incrementAndGet();
                            }
                        }));
        // Withdrawals after the decisions: a decision in the log came before any withdrawal of its
        // tip took effect (a withdrawn tip is never decided), so a tip decided by then takes the
        // withdrawal as too late, as it did live, and one still waiting or on hold is withdrawn.
        long withdrawn = 0;
        long erased = 0;
        for (NewsdeskEvent event : afterDecisions) {
            if (event instanceof TipWithdrawn withdrawal) {
                tips.withdraw(
                                withdrawal.tipId(),
                                withdrawal.revision(),
                                withdrawal.withdrawnAt(),
                                withdrawal.eventId().toString())
                        .block(WRITE_TIMEOUT);
                withdrawn++;
            } else if (event instanceof ContactErased erasure) {
                tips.eraseContact(
                                erasure.tipId(),
                                erasure.revision(),
                                new ContactErasure(erasure.erasedAt(), erasure.cause(), erasure.photosErased()),
                                erasure.eventId().toString())
                        .block(WRITE_TIMEOUT);
                erased++;
            }
        }
        return submitted.get() + " tips, " + decided.get() + " of them decided, " + linked.get() + " story addresses, "
                + withdrawn + " withdrawals, " + erased + " erasures";
    }
}
