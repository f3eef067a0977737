package org.newsdesk.submission.tip;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * What the form template shows: the form as typed, what is wrong with it field by field (in the
 * order of the form, so the summary at the top reads like the form), a notice about the form as
 * a whole, and whether photos were chosen (a browser cannot be made to choose them again, so the
 * resident is asked to). Its helpers are public: the template engine calls only public methods.
 */
record TipFormPage(TipForm form, Map<String, String> errors, String notice, boolean photosChosen) {

    /**
     * The form's fields in their order on the page; a photo's questions ({@code photoCredits[0].takenBy})
     * come in the order of their photos.
     */
    static final List<String> FIELDS = List.of(
            "headline",
            "body",
            "area",
            "happenedOn",
            "category",
            "photos",
            "photoCredits",
            "contactConsent",
            "name",
            "email",
            "phone",
            "website");

    static TipFormPage blank(String formToken) {
        return new TipFormPage(TipForm.blank(formToken), Map.of(), null, false);
    }

    /**
     * The form with what validation found wrong with it: one message per field (where a field
     * breaks two rules, the message first in alphabetical order, so the same form always reads
     * the same), in the order of the form.
     */
    static TipFormPage refused(TipForm form, Errors errors, boolean photosChosen) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.getFieldErrors().stream()
                .sorted(Comparator.comparing(
                        FieldError::getDefaultMessage, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(error -> byField.putIfAbsent(error.getField(), error.getDefaultMessage()));
        Map<String, String> ordered = new LinkedHashMap<>();
        byField.keySet().stream()
                .sorted(Comparator.comparing(TipFormPage::placeOnPage).thenComparing(Comparator.naturalOrder()))
                .forEach(field -> ordered.put(field, byField.get(field)));
        return new TipFormPage(form, ordered, null, photosChosen);
    }

    /** Where a field is on the page; {@code photoCredits[1].takenBy} is where the photos' questions are. */
    private static int placeOnPage(String field) {
        int place = FIELDS.indexOf(field.replaceFirst("\\[.*", ""));
        return place < 0 ? FIELDS.size() : place;
    }

    /** The name of a field of the photo slot at this index (from 0), as the form binds it; public for the template. */
    public String slotField(int slot, String field) {
        return "photoCredits[" + slot + "]." + field;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.get(field);
    }

    /** The ids a field's {@code aria-describedby} names: its hint, when it has one, and its error. */
    public String describedBy(String field, boolean hint) {
        String ids = (hint ? field + "-hint" : "") + (hasError(field) ? " " + field + "-error" : "");
        return ids.isBlank() ? null : ids.strip();
    }

    /** {@code "true"} for a field in error, else nothing, so the attribute is left out. */
    public String invalid(String field) {
        return hasError(field) ? "true" : null;
    }
}
