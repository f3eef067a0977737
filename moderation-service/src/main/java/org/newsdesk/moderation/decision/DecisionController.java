package org.newsdesk.moderation.decision;

import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Instant;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class DecisionController {

    private final DecisionDesk desk;
    private final ModeratorAccounts accounts;

    DecisionController(DecisionDesk desk, ModeratorAccounts accounts) {
        this.desk = desk;
        this.accounts = accounts;
    }

    /** The tip with everything the resident sent, its claim, decision and history. */
    @GetMapping(path = "/api/tips/{tipId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TipView> tip(@PathVariable String tipId) {
        return desk.find(tipId).map(tip -> TipView.of(tip, Instant.now(), accounts::displayName));
    }

    /**
     * Answers 200 as soon as the decision is stored; announcing it to the rest of Newsdesk
     * follows on its own, so Kafka being down does not undo or delay a moderator's work.
     * {@code produces} refuses a client that cannot read the answer while the request is mapped,
     * before anything is decided: a decision it never saw would meet its retry with a 409. The
     * request is validated before the tip is looked up, so bad input is a 400 whether or not the tip exists.
     */
    @PostMapping(
            path = "/api/tips/{tipId}/decision",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<DecisionView> decide(
            @PathVariable String tipId,
            @Valid @RequestBody(required = false) DecisionRequest request,
            Principal moderator) {
        if (request == null) {
            // No body, or a bare null, is judged like an empty object: what it lacks first is the outcome.
            return Mono.error(ProblemException.invalid("outcome", DecisionRequest.REQUIRED));
        }
        return desk.decide(tipId, request, moderator.getName()).map(DecisionView::of);
    }

    /** Claims the tip for the caller, or renews their claim: the answer says until when. */
    @PostMapping(path = "/api/tips/{tipId}/claim", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ClaimView> claim(@PathVariable String tipId, Principal moderator) {
        return desk.claim(tipId, moderator.getName())
                .map(tip ->
                        new ClaimView(tipId, tip.claim().holder(), tip.claim().expiresAt()));
    }

    @DeleteMapping(path = "/api/tips/{tipId}/claim")
    Mono<ResponseEntity<Void>> release(@PathVariable String tipId, Principal moderator) {
        return desk.release(tipId, moderator.getName())
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    record ClaimView(String tipId, String holder, Instant expiresAt) {}
}
