package org.newsdesk.moderation.decision;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.TipState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Where a moderator's decision becomes the one decision on a tip. Reading the tip first only
 * fetches the resident's original text, which never changes; what makes the decision unique is
 * the conditional write in {@link ModeratedTips#decide}, which only one of several simultaneous
 * requests can win.
 */
@Component
class DecisionDesk {

    private static final Logger log = LoggerFactory.getLogger(DecisionDesk.class);

    private final ModeratedTips tips;
    private final Outbox outbox;

    DecisionDesk(ModeratedTips tips, Outbox tipOutbox) {
        this.tips = tips;
        this.outbox = tipOutbox;
    }

    /** @return the decided tip; fails with a 404 for an unknown tip and a 409 for a decided one */
    Mono<ModeratedTip> decide(String tipId, DecisionRequest.Validated request, String moderator) {
        return tips.find(tipId)
                .switchIfEmpty(Mono.error(() -> unknownTip(tipId)))
                .flatMap(tip -> {
                    if (tip.state() != TipState.PENDING) {
                        return Mono.error(alreadyDecided(tip));
                    }
                    // MongoDB keeps milliseconds; the answer should show what the record says.
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    Decision decision = request.on(tip.submission(), moderator, now);
                    return tips.decide(tip, decision).switchIfEmpty(Mono.defer(() -> lostTheRace(tipId)));
                })
                .doOnNext(decided -> {
                    log.info("Tip {} {} by {}", tipId, decided.decision().outcome(), moderator);
                    // Stored with its announcement: the moderator need not wait for Kafka.
                    outbox.relayInBackground(tipId);
                });
    }

    /** Someone else decided the tip between our read and our write. */
    private Mono<ModeratedTip> lostTheRace(String tipId) {
        return tips.find(tipId)
                .switchIfEmpty(Mono.error(() -> unknownTip(tipId)))
                .flatMap(tip -> Mono.error(alreadyDecided(tip)));
    }

    private static ErrorResponseException unknownTip(String tipId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is no tip " + tipId + " in the moderation queue");
        problem.setTitle("Unknown tip");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    private static ErrorResponseException alreadyDecided(ModeratedTip tip) {
        Decision decision = tip.decision();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Tip " + tip.tipId() + " was already decided");
        problem.setTitle("Tip already decided");
        if (decision != null) {
            problem.setProperty("outcome", decision.outcome());
            problem.setProperty("decidedBy", decision.decidedBy());
            problem.setProperty("decidedAt", decision.decidedAt());
        }
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
