package org.newsdesk.moderation.decision;

import java.util.List;
import java.util.Objects;
import org.newsdesk.events.TipDecided.Outcome;

/**
 * The tip page's one decision form as a browser posts it, bound by the framework. The page has
 * one form for every outcome, and a browser sends every field of it, empty when left alone:
 * {@link #request()} keeps what goes with the button the moderator pressed, so that the page's
 * decision is checked and made exactly as the API's.
 *
 * @param photos one entry per photo of the tip: its id when the moderator ticked it, and its caption
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

    DecisionForm {
        photos = photos == null ? List.of() : photos;
    }

    /** @param id present only when the photo's box was ticked */
    record PhotoField(String id, String caption) {}

    DecisionRequest request() {
        Outcome chosen = outcomeOrNull();
        List<DecisionRequest.PhotoChoice> chosenPhotos = photos.stream()
                .filter(Objects::nonNull)
                .filter(photo -> photo.id() != null && !photo.id().isBlank())
                .map(photo -> new DecisionRequest.PhotoChoice(photo.id(), text(photo.caption())))
                .toList();
        return new DecisionRequest(
                text(outcome),
                edited(headline),
                edited(body),
                chosen == Outcome.REJECTED || chosen == Outcome.DUPLICATE ? text(reason) : null,
                chosen == Outcome.REJECTED ? text(reasonCode) : null,
                chosen == Outcome.APPROVED ? chosenPhotos : List.of(),
                chosen == Outcome.DUPLICATE ? text(duplicateOf) : null,
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

    /** A field left alone arrives empty; it counts as not given. */
    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Text as the moderator left it; browsers send a textarea's line breaks as CRLF, which is no edit. */
    private static String edited(String value) {
        return value == null || value.isBlank() ? null : value.replace("\r\n", "\n");
    }
}
