package org.newsdesk.moderation.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.Submission;
import org.newsdesk.moderation.web.FieldProblem;
import org.newsdesk.moderation.web.InvalidRequestException;

/**
 * What a moderator sends to decide a tip. {@code outcome} is a plain string so that a missing or
 * misspelt outcome becomes a 400 naming the field rather than an opaque parse error.
 *
 * @param headline the moderator's edit of the headline, or {@code null} to keep the resident's
 * @param body     the moderator's edit of the body, or {@code null} to keep the resident's
 * @param reason   why, as the resident will read it; required to reject
 */
record DecisionRequest(String outcome, String headline, String body, String reason) {

    static final int MAX_HEADLINE = 300;
    static final int MAX_BODY = 20_000;
    static final int MAX_REASON = 2_000;

    static final DecisionRequest EMPTY = new DecisionRequest(null, null, null, null);

    /** @throws InvalidRequestException naming every bad field */
    Validated validated() {
        List<FieldProblem> problems = new ArrayList<>();
        Outcome parsedOutcome = parseOutcome(problems);
        checkText("headline", headline, MAX_HEADLINE, problems);
        checkText("body", body, MAX_BODY, problems);
        checkText("reason", reason, MAX_REASON, problems);
        if (parsedOutcome == Outcome.REJECTED && reason == null) {
            problems.add(new FieldProblem("reason", "is required to reject a tip: the resident reads it"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new Validated(parsedOutcome, headline, body, reason);
    }

    private Outcome parseOutcome(List<FieldProblem> problems) {
        if (outcome == null || outcome.isBlank()) {
            problems.add(new FieldProblem("outcome", "is required: APPROVED or REJECTED"));
            return null;
        }
        // Holding and merging tips come with the moderators' workspace; the API decides for good.
        for (Outcome candidate : List.of(Outcome.APPROVED, Outcome.REJECTED)) {
            if (candidate.name().equals(outcome)) {
                return candidate;
            }
        }
        problems.add(new FieldProblem("outcome", "must be APPROVED or REJECTED"));
        return null;
    }

    private static void checkText(String field, String value, int maxLength, List<FieldProblem> problems) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            problems.add(new FieldProblem(field, "must not be blank"));
        }
        else if (value.length() > maxLength) {
            problems.add(new FieldProblem(field, "must be at most " + maxLength + " characters long"));
        }
    }

    /** A request that passed every check; it only needs the tip it is about to become a decision. */
    record Validated(Outcome outcome, String headline, String body, String reason) {

        Decision on(Submission submission, String moderator, Instant decidedAt) {
            return new Decision(UUID.randomUUID().toString(), outcome,
                    headline == null ? submission.headline() : headline,
                    body == null ? submission.body() : body,
                    new Decision.OriginalText(submission.headline(), submission.body()),
                    reason, moderator, decidedAt);
        }
    }
}
