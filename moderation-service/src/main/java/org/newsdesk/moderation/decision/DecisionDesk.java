package org.newsdesk.moderation.decision;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.queue.QueueChanges;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.tip.Claim;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.TipState;
import org.newsdesk.moderation.web.FieldProblem;
import org.newsdesk.moderation.web.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Where moderators claim tips and a decision becomes the decision on a tip. Reading the tip first
 * only fetches what the answer needs; what makes a claim or a decision unique is the conditional
 * write in {@link ModeratedTips}, which only one of several simultaneous requests can win. Whoever
 * loses is told why: decided, or claimed by someone else (named).
 */
@Component
public class DecisionDesk {

    private static final Logger log = LoggerFactory.getLogger(DecisionDesk.class);

    private final ModeratedTips tips;
    private final Outbox outbox;
    private final ModerationProperties settings;
    private final ModeratorAccounts accounts;
    private final QueueChanges changes;

    DecisionDesk(ModeratedTips tips, Outbox tipOutbox, ModerationProperties settings, ModeratorAccounts accounts,
            QueueChanges changes) {
        this.tips = tips;
        this.changes = changes;
        this.outbox = tipOutbox;
        this.settings = settings;
        this.accounts = accounts;
    }

    /** @return the decided tip; fails with a 404 for an unknown tip and a 409 for a decided or claimed one */
    public Mono<ModeratedTip> decide(String tipId, DecisionRequest.Validated request, String moderator) {
        Mono<Void> duplicateKnown = request.outcome() == Outcome.DUPLICATE ? requireOtherTip(tipId, request.duplicateOf())
                : Mono.empty();
        return duplicateKnown.then(tips.find(tipId))
                .switchIfEmpty(Mono.error(() -> unknownTip(tipId)))
                .flatMap(tip -> {
                    // MongoDB keeps milliseconds; the answer should show what the record says.
                    Instant now = now();
                    if (tip.state() != TipState.PENDING) {
                        return Mono.error(alreadyDecided(tip));
                    }
                    Claim claim = tip.claimAt(now);
                    if (claim != null && claim.heldByOtherThan(moderator, now)) {
                        return Mono.error(claimedByOther(tip, claim));
                    }
                    Decision decision = request.on(tip.submission(), moderator, now);
                    return tips.decide(tip, decision).switchIfEmpty(Mono.defer(() -> lostTheRace(tipId, moderator)));
                })
                .flatMap(decided -> changes.record(tipId, decided.decision().outcome() == Outcome.HELD ? "held" : "decided")
                        .thenReturn(decided))
                .doOnNext(decided -> {
                    log.info("Tip {} {} by {}", tipId, decided.decision().outcome(), moderator);
                    // Stored with its announcement: the moderator need not wait for Kafka.
                    outbox.relayInBackground(tipId);
                });
    }

    /** The tip; a 404 problem when there is none. */
    public Mono<ModeratedTip> find(String tipId) {
        return tips.find(tipId).switchIfEmpty(Mono.error(() -> unknownTip(tipId)));
    }

    /** Claims the tip for the moderator, or renews their claim; a 409 naming the holder if someone else has it. */
    public Mono<ModeratedTip> claim(String tipId, String moderator) {
        Instant now = now();
        return tips.claim(tipId, moderator, now, now.plus(settings.claims().lease()))
                .flatMap(claimed -> changes.record(tipId, "claimed").thenReturn(claimed))
                .switchIfEmpty(Mono.defer(() -> whyNot(tipId, moderator)));
    }

    /** Ends the moderator's claim; releasing a tip they do not hold changes nothing. */
    public Mono<Void> release(String tipId, String moderator) {
        return tips.release(tipId, moderator, now())
                .flatMap(released -> changes.record(tipId, "released").thenReturn(released))
                .switchIfEmpty(Mono.defer(() -> tips.find(tipId).switchIfEmpty(Mono.error(() -> unknownTip(tipId)))))
                .then();
    }

    private Mono<Void> requireOtherTip(String tipId, String duplicateOf) {
        if (duplicateOf.equals(tipId)) {
            return Mono.error(new InvalidRequestException(List.of(
                    new FieldProblem("duplicateOf", "must be another tip than this one"))));
        }
        return tips.find(duplicateOf)
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException(List.of(
                        new FieldProblem("duplicateOf", "is not a tip the moderators know")))))
                .then();
    }

    /** Someone else decided, held or claimed the tip between our read and our write. */
    private Mono<ModeratedTip> lostTheRace(String tipId, String moderator) {
        return whyNot(tipId, moderator);
    }

    private Mono<ModeratedTip> whyNot(String tipId, String moderator) {
        Instant now = now();
        return tips.find(tipId)
                .switchIfEmpty(Mono.error(() -> unknownTip(tipId)))
                .flatMap(tip -> {
                    if (tip.state() != TipState.PENDING) {
                        return Mono.error(alreadyDecided(tip));
                    }
                    Claim claim = tip.claimAt(now);
                    if (claim != null && claim.heldByOtherThan(moderator, now)) {
                        return Mono.error(claimedByOther(tip, claim));
                    }
                    return Mono.error(changedMeanwhile(tip));
                });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static ErrorResponseException unknownTip(String tipId) {
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

    private ErrorResponseException claimedByOther(ModeratedTip tip, Claim claim) {
        String name = accounts.displayName(claim.holder());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                name + " is working on tip " + tip.tipId() + " until " + claim.expiresAt());
        problem.setTitle("Tip claimed by someone else");
        problem.setProperty("holder", claim.holder());
        problem.setProperty("holderName", name);
        problem.setProperty("claimExpiresAt", claim.expiresAt());
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private static ErrorResponseException changedMeanwhile(ModeratedTip tip) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Tip " + tip.tipId() + " changed while you were deciding it (revision " + tip.revision()
                        + "); look at it again");
        problem.setTitle("Tip changed meanwhile");
        problem.setProperty("revision", tip.revision());
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
