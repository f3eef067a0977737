package org.newsdesk.moderation.decision;

import java.security.Principal;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class DecisionController {

    private final DecisionDesk desk;

    DecisionController(DecisionDesk desk) {
        this.desk = desk;
    }

    /**
     * Answers 200 as soon as the decision is stored; announcing it to the rest of Newsdesk
     * follows on its own, so Kafka being down does not undo or delay a moderator's work.
     * {@code produces} refuses a client that cannot read the answer while the request is mapped,
     * before anything is decided: a decision it never saw would meet its retry with a 409.
     */
    @PostMapping(path = "/api/tips/{tipId}/decision", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<DecisionView> decide(@PathVariable String tipId, @RequestBody(required = false) DecisionRequest request,
            Principal moderator) {
        // An empty body is judged like an empty object: the answer names the missing outcome.
        // Checked before the tip is looked up, so bad input is a 400 whether or not the tip exists.
        DecisionRequest.Validated valid = (request == null ? DecisionRequest.EMPTY : request).validated();
        return desk.decide(tipId, valid, moderator.getName()).map(DecisionView::of);
    }
}
