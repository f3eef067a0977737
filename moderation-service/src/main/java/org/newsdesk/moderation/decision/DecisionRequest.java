package org.newsdesk.moderation.decision;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.tip.Decision;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.Submission;
import org.newsdesk.web.problem.FieldProblem;
import org.newsdesk.web.problem.ProblemException;

/**
 * What a moderator sends to decide a tip, checked whole before the tip is looked up. {@code outcome}
 * is a plain string so that a misspelt outcome is one more field problem beside the others rather
 * than an unreadable body.
 *
 * @param headline    the moderator's edit of the headline, or {@code null} to keep the resident's
 * @param body        the moderator's edit of the body, or {@code null} to keep the resident's
 * @param reason      to decline: free text the resident reads, after the configured reason's wording if one is picked
 * @param reasonCode  to decline: the code of one of the configured reasons
 * @param photos      to approve: the resident's photos to publish, by id, with a caption and a description each
 * @param duplicateOf for {@code DUPLICATE}: the tip this one repeats
 * @param note        for {@code HELD}: what the moderators are waiting for; never shown to the resident
 */
@DecisionRequest.FitsItsOutcome
record DecisionRequest(
        @NotNull(message = REQUIRED)
        @Pattern(
                regexp = "APPROVED|REJECTED|HELD|DUPLICATE",
                message = "must be one of APPROVED, REJECTED, HELD, DUPLICATE")
        String outcome,

        @Pattern(regexp = SOME_TEXT, message = NOT_BLANK) @Size(max = MAX_HEADLINE, message = AT_MOST)
        String headline,

        @Pattern(regexp = SOME_TEXT, message = NOT_BLANK) @Size(max = MAX_BODY, message = AT_MOST)
        String body,

        @Pattern(regexp = SOME_TEXT, message = NOT_BLANK) @Size(max = MAX_REASON, message = AT_MOST)
        String reason,

        @DeclineReasonCode String reasonCode,
        List<@NotNull(message = REQUIRED) @Valid PhotoChoice> photos,

        @Pattern(regexp = SOME_TEXT, message = NOT_BLANK) @Size(max = MAX_ID, message = AT_MOST)
        String duplicateOf,

        @Pattern(regexp = SOME_TEXT, message = NOT_BLANK) @Size(max = MAX_REASON, message = AT_MOST)
        String note) {

    static final int MAX_HEADLINE = 300;
    static final int MAX_BODY = 20_000;
    static final int MAX_REASON = 2_000;
    static final int MAX_CAPTION = 300;
    static final int MAX_ID = 100;

    static final String REQUIRED = "is required";
    static final String NOT_BLANK = "must not be blank";
    static final String AT_MOST = "must be at most {max} characters";
    static final String REASON_REQUIRED = "is required to reject a tip (or a reasonCode): the resident reads it";
    static final String NOTE_REQUIRED = "is required to hold a tip: say what it is waiting for";
    static final String ORIGINAL_REQUIRED = "is required: the id of the tip this one repeats";

    /** Text that is more than white space; a field left out is no text and not checked. */
    private static final String SOME_TEXT = "(?s).*\\S.*";

    /** What a resident reads when their tip repeats one we already have, unless the moderator wrote more. */
    static final String DUPLICATE_WORDING =
            "Someone else already told us about this, and we are following it up there.";

    /** What a resident reads when their tip repeats one that is a published story already. */
    static final String COVERED_WORDING =
            "Someone else already told us about this, and we have published a story about it.";

    DecisionRequest {
        photos = photos == null ? List.of() : photos;
    }

    /**
     * @param caption shown under the photo in the story, if any
     * @param alt     what the photo shows, for readers who cannot see it; optional here (the page asks
     *                for it), the story falls back to the caption, then the headline
     */
    record PhotoChoice(
            @NotBlank(message = REQUIRED) String id,
            @Size(max = MAX_CAPTION, message = AT_MOST) String caption,
            @Size(max = MAX_CAPTION, message = AT_MOST) String alt) {

        PhotoChoice(String id, String caption) {
            this(id, caption, null);
        }
    }

    /** The outcome asked for; only called on a request that passed validation. */
    Outcome chosenOutcome() {
        return Outcome.valueOf(outcome);
    }

    /**
     * The decision this request makes on the resident's submission. Fields that do not go with the
     * outcome are left out of it; the reason the resident reads is the configured reason's wording,
     * then the moderator's own words.
     *
     * @throws ProblemException naming each chosen photo the resident did not send, or that was erased
     */
    Decision on(ModeratedTip tip, String moderator, Instant decidedAt, ModerationProperties settings) {
        Submission submission = tip.submission();
        Outcome chosen = chosenOutcome();
        List<StoryPhoto> story = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            PhotoChoice choice = photos.get(i);
            PhotoReference photo = submission.photo(choice.id()).orElse(null);
            if (photo == null) {
                problems.add(new FieldProblem("photos[" + i + "].id", "is not one of the resident's photos"));
            } else if (tip.photoErased(photo.id())) {
                problems.add(
                        new FieldProblem("photos[" + i + "].id", "was erased with the resident's contact details"));
            } else {
                story.add(new StoryPhoto(photo, text(choice.caption()), text(choice.alt())));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        String wording = reasonCode == null
                ? null
                : settings.declineReason(reasonCode)
                        .map(ModerationProperties.DeclineReason::wording)
                        .orElseThrow();
        String residentReads = wording == null ? reason : reason == null ? wording : wording + " " + reason;
        return new Decision(
                UUID.randomUUID().toString(),
                chosen,
                headline == null ? submission.headline() : headline,
                body == null ? submission.body() : body,
                new Decision.OriginalText(submission.headline(), submission.body()),
                chosen == Outcome.DUPLICATE && residentReads == null
                        ? DUPLICATE_WORDING
                        : chosen.declines() ? residentReads : null,
                moderator,
                decidedAt,
                chosen == Outcome.REJECTED ? reasonCode : null,
                chosen.publishes() ? story : List.of(),
                chosen == Outcome.DUPLICATE ? duplicateOf : null,
                chosen == Outcome.HELD ? note : null);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The rules across fields: what each outcome needs beside it. */
    @Documented
    @Constraint(validatedBy = OutcomeNeeds.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface FitsItsOutcome {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Names the missing field itself, so that a client shows the problem beside the right input. */
    static final class OutcomeNeeds implements ConstraintValidator<FitsItsOutcome, DecisionRequest> {

        @Override
        public boolean isValid(DecisionRequest request, ConstraintValidatorContext context) {
            context.disableDefaultConstraintViolation();
            String outcome = request.outcome();
            boolean valid = true;
            if ("REJECTED".equals(outcome) && request.reason() == null && request.reasonCode() == null) {
                valid = missing("reason", REASON_REQUIRED, context);
            }
            if ("HELD".equals(outcome) && request.note() == null) {
                valid = missing("note", NOTE_REQUIRED, context);
            }
            if ("DUPLICATE".equals(outcome) && request.duplicateOf() == null) {
                valid = missing("duplicateOf", ORIGINAL_REQUIRED, context);
            }
            return valid;
        }

        private static boolean missing(String field, String message, ConstraintValidatorContext context) {
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}
