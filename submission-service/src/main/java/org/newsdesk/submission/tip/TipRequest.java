package org.newsdesk.submission.tip;

import java.time.LocalDate;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A tip as a resident's phone sends it. Surrounding whitespace is dropped and blank optional
 * fields count as not given, so a form that sends every input, filled or not, is valid.
 * The limits keep one tip well inside the request size limit even in the widest characters.
 */
record TipRequest(
        @NotBlank(message = "is required")
        @Size(max = 200, message = "must be at most {max} characters")
        String headline,

        @NotBlank(message = "is required")
        @Size(max = 20_000, message = "must be at most {max} characters")
        String body,

        @Size(max = 100, message = "must be at most {max} characters")
        String area,

        @Size(max = 100, message = "must be at most {max} characters")
        String category,

        @Size(max = 100, message = "must be at most {max} characters")
        String name,

        @Size(max = 254, message = "must be at most {max} characters")
        @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an email address, like name@example.org")
        String email,

        @Size(max = 40, message = "must be at most {max} characters")
        @Pattern(regexp = "(?=(?:\\D*\\d){3})\\+?[0-9 ()./-]+",
                message = "must be a phone number: digits, spaces and + ( ) . / - only")
        String phone,

        /** The day it happened, when the resident says: ISO {@code 2024-05-31}, as a date input sends it. */
        LocalDate happenedOn,

        /** Whether the newsroom may contact the resident about the tip; no answer means no. */
        Boolean contactConsent) {

    TipRequest {
        headline = strip(headline);
        body = strip(body);
        area = blankToNull(area);
        category = blankToNull(category);
        name = blankToNull(name);
        email = blankToNull(email);
        phone = blankToNull(phone);
        contactConsent = Boolean.TRUE.equals(contactConsent);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
