package org.newsdesk.moderation.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.Submission;
import org.newsdesk.moderation.web.FieldProblem;
import org.newsdesk.moderation.web.InvalidRequestException;

/**
 * What a moderator sends to decide a tip. {@code outcome} is a plain string so that a missing or
 * misspelt outcome becomes a 400 naming the field rather than an opaque parse error.
 *
 * @param headline    the moderator's edit of the headline, or {@code null} to keep the resident's
 * @param body        the moderator's edit of the body, or {@code null} to keep the resident's
 * @param reason      to decline: free text the resident reads, after the configured reason's wording if one is picked
 * @param reasonCode  to decline: the code of one of the configured reasons
 * @param photos      to approve: the resident's photos to publish, by id, with a caption each
 * @param duplicateOf for {@code DUPLICATE}: the tip this one repeats
 * @param note        for {@code HELD}: what the moderators are waiting for; never shown to the resident
 */
record DecisionRequest(String outcome, String headline, String body, String reason, String reasonCode,
        List<PhotoChoice> photos, String duplicateOf, String note) {

    static final int MAX_HEADLINE = 300;
    static final int MAX_BODY = 20_000;
    static final int MAX_REASON = 2_000;
    static final int MAX_CAPTION = 300;
    static final int MAX_ID = 100;

    /** What a resident reads when their tip repeats one we already have, unless the moderator wrote more. */
    static final String DUPLICATE_WORDING = "Someone else already told us about this, and we are following it up there.";

    static final DecisionRequest EMPTY = new DecisionRequest(null, null, null, null, null, null, null, null);

    DecisionRequest(String outcome, String headline, String body, String reason) {
        this(outcome, headline, body, reason, null, null, null, null);
    }

    record PhotoChoice(String id, String caption) {
    }

    /** @throws InvalidRequestException naming every bad field */
    Validated validated(ModerationProperties settings) {
        List<FieldProblem> problems = new ArrayList<>();
        Outcome parsedOutcome = parseOutcome(problems);
        checkText("headline", headline, MAX_HEADLINE, problems);
        checkText("body", body, MAX_BODY, problems);
        checkText("reason", reason, MAX_REASON, problems);
        checkText("note", note, MAX_REASON, problems);
        checkText("duplicateOf", duplicateOf, MAX_ID, problems);
        String wording = null;
        if (reasonCode != null) {
            wording = settings.declineReason(reasonCode).map(ModerationProperties.DeclineReason::wording).orElse(null);
            if (wording == null) {
                problems.add(new FieldProblem("reasonCode", "must be one of the configured reasons: "
                        + settings.declineReasons().stream().map(ModerationProperties.DeclineReason::code).toList()));
            }
        }
        if (parsedOutcome == Outcome.REJECTED && reason == null && reasonCode == null) {
            problems.add(new FieldProblem("reason", "is required to reject a tip (or a reasonCode): the resident reads it"));
        }
        if (parsedOutcome == Outcome.HELD && note == null) {
            problems.add(new FieldProblem("note", "is required to hold a tip: say what it is waiting for"));
        }
        if (parsedOutcome == Outcome.DUPLICATE && duplicateOf == null) {
            problems.add(new FieldProblem("duplicateOf", "is required: the id of the tip this one repeats"));
        }
        List<PhotoChoice> chosen = photos == null ? List.of() : photos;
        for (int i = 0; i < chosen.size(); i++) {
            PhotoChoice photo = chosen.get(i);
            if (photo == null || photo.id() == null || photo.id().isBlank()) {
                problems.add(new FieldProblem("photos[" + i + "].id", "is required"));
            }
            else if (photo.caption() != null && photo.caption().length() > MAX_CAPTION) {
                problems.add(new FieldProblem("photos[" + i + "].caption",
                        "must be at most " + MAX_CAPTION + " characters long"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String residentReads = wording == null ? reason : reason == null ? wording : wording + " " + reason;
        return new Validated(parsedOutcome, headline, body, residentReads, reasonCode, chosen, duplicateOf, note);
    }

    private Outcome parseOutcome(List<FieldProblem> problems) {
        if (outcome == null || outcome.isBlank()) {
            problems.add(new FieldProblem("outcome", "is required: APPROVED, REJECTED, HELD or DUPLICATE"));
            return null;
        }
        for (Outcome candidate : Outcome.values()) {
            if (candidate.name().equals(outcome)) {
                return candidate;
            }
        }
        problems.add(new FieldProblem("outcome", "must be APPROVED, REJECTED, HELD or DUPLICATE"));
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
    record Validated(Outcome outcome, String headline, String body, String reason, String reasonCode,
            List<PhotoChoice> photos, String duplicateOf, String note) {

        /** @throws InvalidRequestException when a chosen photo is not one the resident sent */
        Decision on(Submission submission, String moderator, Instant decidedAt) {
            List<StoryPhoto> story = new ArrayList<>();
            List<FieldProblem> problems = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) {
                PhotoChoice choice = photos.get(i);
                PhotoReference photo = submission.photo(choice.id()).orElse(null);
                if (photo == null) {
                    problems.add(new FieldProblem("photos[" + i + "].id", "is not one of the resident's photos"));
                }
                else {
                    story.add(new StoryPhoto(photo, choice.caption() == null || choice.caption().isBlank() ? null
                            : choice.caption().strip()));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
            boolean publishes = outcome.publishes();
            return new Decision(UUID.randomUUID().toString(), outcome,
                    headline == null ? submission.headline() : headline,
                    body == null ? submission.body() : body,
                    new Decision.OriginalText(submission.headline(), submission.body()),
                    outcome == Outcome.DUPLICATE && reason == null ? DUPLICATE_WORDING : outcome.declines() ? reason : null, moderator, decidedAt, outcome == Outcome.REJECTED ? reasonCode : null,
                    publishes ? story : List.of(), outcome == Outcome.DUPLICATE ? duplicateOf : null,
                    outcome == Outcome.HELD ? note : null);
        }
    }
}
