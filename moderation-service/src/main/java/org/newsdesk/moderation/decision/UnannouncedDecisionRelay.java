package org.newsdesk.moderation.decision;

import java.time.Duration;
import java.time.Instant;

import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends again the decisions whose announcement Kafka never acknowledged: the service stopped,
 * or Kafka was down, right after the decision was stored. Consumers of {@code TipDecided} are
 * idempotent, so the rare duplicate (a slow acknowledgement overtaken by the relay, or two
 * instances relaying at once) does no harm; a lost decision would.
 */
@Component
class UnannouncedDecisionRelay {

    private static final Logger log = LoggerFactory.getLogger(UnannouncedDecisionRelay.class);

    private final ModeratedTips tips;
    private final DecisionAnnouncer announcer;
    private final Duration gracePeriod;
    private final int batchSize;

    UnannouncedDecisionRelay(ModeratedTips tips, DecisionAnnouncer announcer, ModerationProperties properties) {
        this.tips = tips;
        this.announcer = announcer;
        this.gracePeriod = properties.outbox().gracePeriod();
        this.batchSize = properties.outbox().batchSize();
    }

    /**
     * One pass over the outbox, oldest decision first. It stops at the first failure: when Kafka
     * is down every other send would fail too, each only after a long wait.
     */
    @Scheduled(fixedDelayString = "${newsdesk.moderation.outbox.relay-interval:5s}",
            initialDelayString = "${newsdesk.moderation.outbox.relay-interval:5s}")
    Mono<Void> relay() {
        return Mono.defer(() -> tips.unannouncedDecidedBefore(Instant.now().minus(gracePeriod), batchSize)
                .concatMap(tip -> announcer.announce(tip)
                        .doOnSuccess(done -> log.info("Announced the decision on tip {} from the outbox", tip.tipId())))
                .then()
                .onErrorResume(error -> {
                    log.warn("Could not relay unannounced decisions, will try again: {}", error.toString());
                    return Mono.empty();
                }));
    }
}
