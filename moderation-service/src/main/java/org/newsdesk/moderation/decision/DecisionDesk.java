package org.newsdesk.moderation.decision;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.newsdesk.web.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where moderators claim tips and a decision becomes the decision on a tip. Reading the tip first
 * only fetches what the answer needs; what makes a claim or a decision unique is the conditional
 * write in {@link ModeratedTips}, which only one of several simultaneous requests can win. Whoever
 * loses is told why: decided, withdrawn by the resident, or claimed by someone else (named).
 */
@Component
class DecisionDesk {

    private static final Logger log = LoggerFactory.getLogger(DecisionDesk.class);

    private final ModeratedTips tips;
    private final Outbox outbox;
    private final ModerationProperties settings;
    private final ModeratorAccounts accounts;
    private final QueueChanges changes;
    private final DecisionMeters meters;

    DecisionDesk(
            ModeratedTips tips,
            Outbox tipOutbox,
            ModerationProperties settings,
            ModeratorAccounts accounts,
            QueueChanges changes,
            DecisionMeters meters) {
        this.tips = tips;
        this.meters = meters;
        this.changes = changes;
        this.outbox = tipOutbox;
        this.settings = settings;
        this.accounts = accounts;
    }

    /**
     * @param request a request that passed validation; what only the store can tell (the tip it
     *                repeats, the photos it chose) is checked here
     * @return the decided tip; fails with a 404 for an unknown tip and a 409 for a decided, withdrawn or claimed one
     */
    Mono<ModeratedTip> decide(String tipId, DecisionRequest request, String moderator) {
        Mono<Void> duplicateKnown = request.chosenOutcome() == Outcome.DUPLICATE
                ? requireOtherTip(tipId, request.duplicateOf())
                : Mono.empty();
        return duplicateKnown
                .then(find(tipId))
                .flatMap(tip -> {
                    // MongoDB keeps milliseconds; the answer should show what the record says.
                    Instant now = now();
                    ProblemException refused = refusal(tip, moderator, now);
                    if (refused != null) {
                        return Mono.error(refused);
                    }
                    Decision decision = request.on(tip, moderator, now, settings);
                    // Someone else decided, held or claimed the tip between our read and our write.
                    return tips.decide(tip, decision).switchIfEmpty(Mono.defer(() -> whyNot(tipId, moderator)));
                })
                .flatMap(decided -> changes.record(
                                tipId, decided.decision().outcome() == Outcome.HELD ? "held" : "decided")
                        .thenReturn(decided))
                .doOnNext(decided -> {
                    log.info("Tip {} {} by {}", tipId, decided.decision().outcome(), moderator);
                    meters.decided(decided);
                    // Stored with its announcement: the moderator need not wait for Kafka.
                    outbox.relayInBackground(tipId);
                });
    }

    /** The tip; a 404 problem when there is none. */
    Mono<ModeratedTip> find(String tipId) {
        return tips.find(tipId).switchIfEmpty(Mono.error(() -> unknownTip(tipId)));
    }

    /** The tip, or nothing when there is none here: for naming another tip, where its absence is no failure. */
    Mono<ModeratedTip> findIfKnown(String tipId) {
        return tips.find(tipId);
    }

    /**
     * Claims the tip for the moderator, or renews their claim; a 409 naming the holder if someone
     * else has it, or saying it was decided or withdrawn.
     */
    Mono<ModeratedTip> claim(String tipId, String moderator) {
        Instant now = now();
        return tips.claim(tipId, moderator, now, now.plus(settings.claims().lease()))
                .flatMap(claimed -> changes.record(tipId, "claimed").thenReturn(claimed))
                .switchIfEmpty(Mono.defer(() -> whyNot(tipId, moderator)));
    }

    /** Ends the moderator's claim; releasing a tip they do not hold changes nothing. */
    Mono<Void> release(String tipId, String moderator) {
        return tips.release(tipId, moderator, now())
                .flatMap(released -> changes.record(tipId, "released").thenReturn(released))
                .switchIfEmpty(Mono.defer(() -> find(tipId)))
                .then();
    }

    private Mono<Void> requireOtherTip(String tipId, String duplicateOf) {
        if (duplicateOf.equals(tipId)) {
            return Mono.error(ProblemException.invalid("duplicateOf", "must be another tip than this one"));
        }
        return tips.find(duplicateOf)
                .switchIfEmpty(
                        Mono.error(() -> ProblemException.invalid("duplicateOf", "is not a tip the moderators know")))
                .then();
    }

    /** Why a write the tip's conditions refused did not happen, as the tip now stands. */
    private Mono<ModeratedTip> whyNot(String tipId, String moderator) {
        return find(tipId).flatMap(tip -> {
            ProblemException refused = refusal(tip, moderator, now());
            return Mono.error(refused != null ? refused : changedMeanwhile(tip));
        });
    }

    /** Why the moderator may not decide or claim the tip now, or {@code null} if they may. */
    private ProblemException refusal(ModeratedTip tip, String moderator, Instant now) {
        if (tip.state() == TipState.WITHDRAWN) {
            return withdrawn(tip);
        }
        if (tip.state() != TipState.PENDING) {
            return alreadyDecided(tip);
        }
        Claim claim = tip.claimAt(now);
        return claim != null && claim.heldByOtherThan(moderator, now) ? claimedByOther(tip, claim) : null;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ProblemException unknownTip(String tipId) {
        return ProblemException.of(
                HttpStatus.NOT_FOUND, "Unknown tip", "There is no tip " + tipId + " in the moderation queue");
    }

    private static ProblemException alreadyDecided(ModeratedTip tip) {
        ProblemException problem = ProblemException.of(
                HttpStatus.CONFLICT, "Tip already decided", "Tip " + tip.tipId() + " was already decided");
        Decision decision = tip.decision();
        return decision == null
                ? problem
                : problem.with("outcome", decision.outcome())
                        .with("decidedBy", decision.decidedBy())
                        .with("decidedAt", decision.decidedAt());
    }

    private static ProblemException withdrawn(ModeratedTip tip) {
        return ProblemException.of(
                        HttpStatus.CONFLICT,
                        "Tip withdrawn by the resident",
                        "The resident withdrew tip " + tip.tipId() + " before anyone decided it: it can no longer be"
                                + " claimed or decided")
                .with("withdrawnAt", tip.withdrawal().at());
    }

    private ProblemException claimedByOther(ModeratedTip tip, Claim claim) {
        String name = accounts.displayName(claim.holder());
        return ProblemException.of(
                        HttpStatus.CONFLICT,
                        "Tip claimed by someone else",
                        name + " is working on tip " + tip.tipId() + " until " + claim.expiresAt())
                .with("holder", claim.holder())
                .with("holderName", name)
                .with("claimExpiresAt", claim.expiresAt());
    }

    private static ProblemException changedMeanwhile(ModeratedTip tip) {
        return ProblemException.of(
                        HttpStatus.CONFLICT,
                        "Tip changed meanwhile",
                        "Tip " + tip.tipId() + " changed while you were deciding it (revision " + tip.revision()
                                + "); look at it again")
                .with("revision", tip.revision());
    }
}
