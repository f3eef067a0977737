package org.newsdesk.moderation.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided.Outcome;
import org.newsdesk.moderation.tip.Submission;
import org.newsdesk.web.problem.FieldProblem;

/**
 * The tip page's one decision form as a browser posts it, bound by the framework. The page has
 * one form for every outcome, and a browser sends every field of it, empty when left alone:
 * {@link #request()} keeps what goes with the button the moderator pressed, so that the page's
 * decision is checked and made exactly as the API's.
 *
 * @param photos      one entry per photo of the tip: its id when the moderator ticked it, its caption and description
 * @param duplicateOf the other tip, as a candidate's button sends it or as pasted: its reference, or its page's address
 */
record DecisionForm(
        String outcome,
        String headline,
        String body,
        String reason,
        String reasonCode,
        List<PhotoField> photos,
        String duplicateOf,
        String note) {

    static final String DESCRIPTION_REQUIRED = "is required for each photo you publish";

    private static final Pattern TIP_PAGE = Pattern.compile("/tips/([^/?#\\s]+)");

    /** A form nobody sent: every field empty. */
    static final DecisionForm EMPTY = new DecisionForm(null, null, null, null, null, List.of(), null, null);

    DecisionForm {
        photos = photos == null ? List.of() : photos;
    }

    /** @param id present only when the photo's box was ticked */
    record PhotoField(String id, String caption, String alt) {

        boolean chosen() {
            return id != null && !id.isBlank();
        }
    }

    /**
     * What the page asks beyond the API: a description of each photo chosen for the story, since a
     * reader who cannot see it would otherwise hear the caption, or nothing.
     */
    List<FieldProblem> pageProblems() {
        if (outcomeOrNull() != Outcome.APPROVED) {
            return List.of();
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            PhotoField photo = photos.get(i);
            if (photo != null && photo.chosen() && text(photo.alt()) == null) {
                problems.add(new FieldProblem("photos[" + i + "].alt", DESCRIPTION_REQUIRED));
            }
        }
        return problems;
    }

    /** The photos ticked, with their caption and description as typed, to show the form again. */
    List<StoryPhoto> storyPhotos(Submission submission) {
        return photos.stream()
                .filter(Objects::nonNull)
                .filter(PhotoField::chosen)
                .flatMap(photo -> submission.photo(photo.id()).stream()
                        .map(reference -> new StoryPhoto(reference, photo.caption(), photo.alt())))
                .toList();
    }

    DecisionRequest request() {
        Outcome chosen = outcomeOrNull();
        List<DecisionRequest.PhotoChoice> chosenPhotos = photos.stream()
                .filter(Objects::nonNull)
                .filter(PhotoField::chosen)
                .map(photo -> new DecisionRequest.PhotoChoice(photo.id(), text(photo.caption()), text(photo.alt())))
                .toList();
        return new DecisionRequest(
                text(outcome),
                edited(headline),
                edited(body),
                chosen == Outcome.REJECTED || chosen == Outcome.DUPLICATE ? text(reason) : null,
                chosen == Outcome.REJECTED ? text(reasonCode) : null,
                chosen == Outcome.APPROVED ? chosenPhotos : List.of(),
                chosen == Outcome.DUPLICATE ? reference(duplicateOf) : null,
                chosen == Outcome.HELD ? text(note) : null);
    }

    private Outcome outcomeOrNull() {
        for (Outcome candidate : Outcome.values()) {
            if (candidate.name().equals(outcome)) {
                return candidate;
            }
        }
        return null;
    }

    /** A tip's reference as given, or the one in its page's address when that was pasted. */
    private static String reference(String given) {
        String reference = text(given);
        if (reference == null) {
            return null;
        }
        Matcher page = TIP_PAGE.matcher(reference);
        return page.find() ? page.group(1) : reference;
    }

    /** A field left alone arrives empty; it counts as not given. */
    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Text as the moderator left it; browsers send a textarea's line breaks as CRLF, which is no edit. */
    private static String edited(String value) {
        return value == null || value.isBlank() ? null : value.replace("\r\n", "\n");
    }
}
