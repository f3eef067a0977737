package org.newsdesk.moderation.decision;

import java.util.UUID;

import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.EventPublisher;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Tells the rest of Newsdesk about a stored decision with a {@code TipDecided} event, and marks
 * the decision announced only after Kafka acknowledged it. Until then the decision stays in the
 * outbox for {@link UnannouncedDecisionRelay}.
 */
@Component
class DecisionAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(DecisionAnnouncer.class);

    private final EventPublisher publisher;
    private final ModeratedTips tips;

    DecisionAnnouncer(EventPublisher publisher, ModeratedTips tips) {
        this.publisher = publisher;
        this.tips = tips;
    }

    Mono<Void> announce(ModeratedTip tip) {
        return publisher.publish(Topics.TIPS_DECIDED, eventOf(tip))
                .then(tips.markAnnounced(tip.tipId()));
    }

    /**
     * Announces without making anyone wait: the decision is already stored, so a moderator's
     * request succeeds even while Kafka is down, and the relay catches up later.
     */
    void announceInBackground(ModeratedTip tip) {
        announce(tip).subscribe(null, error -> log.warn(
                "The decision on tip {} is stored but Kafka did not acknowledge its announcement ({}); "
                        + "the outbox relay will send it again", tip.tipId(), error.toString()));
    }

    /** Built from the stored decision alone, so a re-sent announcement is the same event with the same id. */
    static TipDecided eventOf(ModeratedTip tip) {
        Decision decision = tip.decision();
        return new TipDecided(UUID.fromString(decision.eventId()), TipDecided.SCHEMA_VERSION, decision.decidedAt(),
                tip.tipId(), decision.outcome(), decision.headline(), decision.body(), tip.submission().area(),
                tip.submission().category(), decision.reason(), decision.decidedBy(), decision.decidedAt());
    }
}
