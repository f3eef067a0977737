package org.newsdesk.submission.tip;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;

/**
 * The tip form exactly as the resident filled it in, every field as typed, so that a form sent
 * back with errors shows their own words again. Photos are not here: a browser cannot be made to
 * fill a file input again.
 *
 * @param formToken the one-time token the form was served with (see {@link IdempotencyKey#fromFormToken})
 * @param website   the honeypot: hidden from people, filled in by bots that fill in everything
 */
record TipForm(String headline, String body, String area, String happenedOn, String category, String name,
        String email, String phone, boolean contactConsent, String formToken, String website) {

    /** The date as a date input sends it, or as a person in the UK types it where there is no date picker. */
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT));

    static TipForm blank(String formToken) {
        return new TipForm("", "", "", "", "", "", "", "", false, formToken, "");
    }

    static TipForm of(MultiValueMap<String, Part> parts) {
        return new TipForm(field(parts, "headline"), field(parts, "body"), field(parts, "area"),
                field(parts, "happenedOn"), field(parts, "category"), field(parts, "name"), field(parts, "email"),
                field(parts, "phone"), !field(parts, "contactConsent").isEmpty(), field(parts, "formToken"),
                field(parts, "website"));
    }

    TipForm withToken(String token) {
        return new TipForm(headline, body, area, happenedOn, category, name, email, phone, contactConsent, token,
                website);
    }

    /** The day it happened, or {@code null} when none was given or what was typed is not a date. */
    LocalDate date() {
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(happenedOn.strip(), format);
            }
            catch (DateTimeParseException notThisFormat) {
                // try the next one
            }
        }
        return null;
    }

    /** Something was typed as the date, and it is not one. */
    boolean dateUnreadable() {
        return !happenedOn.isBlank() && date() == null;
    }

    TipRequest toRequest() {
        return new TipRequest(headline, body, area, category, name, email, phone, date(),
                contactConsent);
    }

    /** The text of one field; a file sent where text belongs counts as empty. */
    private static String field(MultiValueMap<String, Part> parts, String name) {
        Part part = parts.getFirst(name);
        return part instanceof FormFieldPart field ? field.value() : "";
    }
}
