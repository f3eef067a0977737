package org.newsdesk.submission.tip;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * What the form template shows: the form as typed, what is wrong with it field by field (in the
 * order of the form, so the summary at the top reads like the form), and a notice about the
 * form as a whole. Its helpers are public: the template engine calls only public methods.
 */
record TipFormPage(TipForm form, Map<String, String> errors, String notice) {

    /** The form's fields in their order on the page. */
    static final List<String> FIELDS = List.of(
            "headline", "body", "area", "happenedOn", "category", "photos", "name", "email", "phone", "website");

    static TipFormPage blank(String formToken) {
        return new TipFormPage(TipForm.blank(formToken), Map.of(), null);
    }

    /**
     * The form with what validation found wrong with it: one message per field (where a field
     * breaks two rules, the message first in alphabetical order, so the same form always reads
     * the same), in the order of the form.
     */
    static TipFormPage refused(TipForm form, Errors errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.getFieldErrors().stream()
                .sorted(Comparator.comparing(
                        FieldError::getDefaultMessage, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(error -> byField.putIfAbsent(error.getField(), error.getDefaultMessage()));
        Map<String, String> ordered = new LinkedHashMap<>();
        FIELDS.stream().filter(byField::containsKey).forEach(field -> ordered.put(field, byField.get(field)));
        return new TipFormPage(form, ordered, null);
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
