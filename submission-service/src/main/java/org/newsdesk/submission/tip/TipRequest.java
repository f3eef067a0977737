package org.newsdesk.submission.tip;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A tip as a resident's phone sends it. Surrounding whitespace is dropped and blank optional
 * fields count as not given, so a form that sends every input, filled or not, is valid.
 * The limits keep one tip well inside the request size limit even in the widest characters;
 * the tip form ({@link TipForm}) holds its fields to the same ones.
 */
record TipRequest(
        @NotBlank(message = "is required") @Size(max = HEADLINE_LENGTH, message = "must be at most {max} characters")
        String headline,

        @NotBlank(message = "is required") @Size(max = BODY_LENGTH, message = "must be at most {max} characters")
        String body,

        @Size(max = NAME_LENGTH, message = "must be at most {max} characters")
        String area,

        @Size(max = NAME_LENGTH, message = "must be at most {max} characters")
        String category,

        @Size(max = NAME_LENGTH, message = "must be at most {max} characters")
        String name,

        @Size(max = EMAIL_LENGTH, message = "must be at most {max} characters")
        @Email(regexp = EMAIL_ADDRESS, message = "must be an email address, like name@example.org")
        String email,

        @Size(max = PHONE_LENGTH, message = "must be at most {max} characters")
        @Pattern(regexp = PHONE_NUMBER, message = "must be a phone number: digits, spaces and + ( ) . / - only")
        String phone,

        /**
         * The day it happened, when the resident says: ISO {@code 2024-05-31}, as a date input sends
         * it; today at the latest, in the outlet's zone.
         */
        @PastOrPresent(message = "must be today or in the past")
        LocalDate happenedOn,

        /** Whether the newsroom may contact the resident about the tip; no answer means no. */
        Boolean contactConsent,

        /**
         * Who took each photo, in the order of the {@code photos} parts ({@code null} or missing
         * for a photo nobody is named for); none without photos.
         */
        @Size(max = MAX_PHOTO_CREDITS, message = "must be at most {max}")
        List<@Valid PhotoCredit> photoCredits) {

    static final int HEADLINE_LENGTH = 200;
    /** More than any photo limit; the photos themselves are counted against the configured one. */
    static final int MAX_PHOTO_CREDITS = 32;

    static final int BODY_LENGTH = 20_000;
    /** A person's name, a place's or a topic's. */
    static final int NAME_LENGTH = 100;

    static final int EMAIL_LENGTH = 254;
    static final int PHONE_LENGTH = 40;
    /** Something, an at sign, and a domain with a dot: mail to anything less cannot reach the resident. */
    static final String EMAIL_ADDRESS = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    /** At least three digits, and nothing a phone number is not written with. */
    static final String PHONE_NUMBER = "(?=(?:\\D*\\d){3})\\+?[0-9 ()./-]+";

    TipRequest {
        headline = strip(headline);
        body = strip(body);
        area = blankToNull(area);
        category = blankToNull(category);
        name = blankToNull(name);
        email = blankToNull(email);
        phone = blankToNull(phone);
        contactConsent = Boolean.TRUE.equals(contactConsent);
        photoCredits = photoCredits == null
                ? List.of()
                : photoCredits.stream()
                        .map(credit -> credit == null ? new PhotoCredit(null, false) : credit)
                        .toList();
    }

    /** The name to print beside the photo at this index (from 0), or {@code null} for "a reader". */
    String printedName(int photo) {
        return photo < photoCredits.size() ? photoCredits.get(photo).printedName() : null;
    }

    /** Not the tip: its contact details are the resident's, and its words may say who they are. */
    @Override
    public String toString() {
        return "TipRequest[redacted]";
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
