package org.newsdesk.submission.tip;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import org.newsdesk.submission.tip.OfferedChoice.Choices;

/**
 * The tip form as the resident filled it in, bound from its fields by the framework, so that a
 * form sent back with errors shows their own words again: each field as typed, less surrounding
 * whitespace, and {@code null} where nothing was typed. Its rules are the JSON API's
 * ({@link TipRequest}) and the form's own, each message a sentence the page shows beside its
 * field. Photos are not here: a browser cannot be made to fill a file input again; what the
 * resident said about each (who took it) is, in {@code photoCredits}, one per photo input.
 *
 * @param photoCredits   the questions beside each photo input, in the inputs' order
 * @param contactConsent "may we contact you": {@code yes}, {@code no}, or nothing chosen (no)
 * @param formToken      the one-time token the form was served with (see {@link IdempotencyKey#fromFormToken})
 * @param website        the honeypot: hidden from people, filled in by bots that fill in everything
 */
@ContactReachable(message = "Give an email address or a phone number so we can contact you, or choose No")
record TipForm(
        @NotBlank(message = "Give your tip a headline")
        @Size(max = TipRequest.HEADLINE_LENGTH, message = "Headline must be at most {max} characters")
        String headline,

        @NotBlank(message = "Tell us what happened")
        @Size(max = TipRequest.BODY_LENGTH, message = "What happened must be at most {max} characters")
        String body,

        @NotBlank(message = "Choose where it happened")
        @OfferedChoice(value = Choices.AREAS, message = "Choose where it happened from the list")
        String area,

        @TypedDate(message = "When it happened must be a date, like 31/05/2024")
        @TypedDayNotInFuture(message = "When it happened must be today or in the past")
        String happenedOn,

        @NotBlank(message = "Choose what your tip is about")
        @OfferedChoice(value = Choices.CATEGORIES, message = "Choose what your tip is about from the list")
        String category,

        @Size(max = TipRequest.NAME_LENGTH, message = "Your name must be at most {max} characters")
        String name,

        @Size(max = TipRequest.EMAIL_LENGTH, message = "Email address must be at most {max} characters")
        @Email(
                regexp = TipRequest.EMAIL_ADDRESS,
                message = "Email address must be an email address, like name@example.org")
        String email,

        @Size(max = TipRequest.PHONE_LENGTH, message = "Phone number must be at most {max} characters")
        @Pattern(
                regexp = TipRequest.PHONE_NUMBER,
                message = "Phone number must be a phone number: digits, spaces and + ( ) . / - only")
        String phone,

        List<@Valid PhotoSlot> photoCredits,

        @Pattern(regexp = "yes|no", message = "Choose whether we may contact you")
        String contactConsent,

        String formToken,

        @Null(message = "Leave the field “Leave this empty” empty")
        String website) {

    /** The date as a date input sends it, or as a person in the UK types it where there is no date picker. */
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT));

    TipForm {
        headline = TipRequest.blankToNull(headline);
        body = TipRequest.blankToNull(body);
        area = TipRequest.blankToNull(area);
        happenedOn = TipRequest.blankToNull(happenedOn);
        category = TipRequest.blankToNull(category);
        name = TipRequest.blankToNull(name);
        email = TipRequest.blankToNull(email);
        phone = TipRequest.blankToNull(phone);
        // A slot the browser sent nothing for is a slot with nothing said.
        photoCredits = photoCredits == null
                ? List.of()
                : photoCredits.stream()
                        .map(slot -> slot == null ? PhotoSlot.EMPTY : slot)
                        .toList();
        contactConsent = TipRequest.blankToNull(contactConsent);
        formToken = TipRequest.blankToNull(formToken);
        website = TipRequest.blankToNull(website);
    }

    static TipForm blank(String formToken) {
        return new TipForm(null, null, null, null, null, null, null, null, List.of(), null, formToken, null);
    }

    TipForm withToken(String token) {
        return new TipForm(
                headline,
                body,
                area,
                happenedOn,
                category,
                name,
                email,
                phone,
                photoCredits,
                contactConsent,
                token,
                website);
    }

    /** Whether the resident chose "Yes, you may contact me"; public for the template. */
    public boolean consents() {
        return "yes".equals(contactConsent);
    }

    /** Whether the resident chose "No"; public for the template. */
    public boolean declinesContact() {
        return "no".equals(contactConsent);
    }

    /** Whether anything was said beside a photo input after the first; public for the template. */
    public boolean saysOfMorePhotos() {
        return photoCredits.stream().skip(1).anyMatch(slot -> slot.takenBy() != null || slot.publishName() != null);
    }

    /** What was said beside each photo input, as credits, in the inputs' order. */
    List<PhotoCredit> slotCredits() {
        return photoCredits.stream().map(PhotoSlot::toCredit).toList();
    }

    /** What the resident said beside the photo input at this index (from 0); public for the template. */
    public PhotoSlot slot(int index) {
        return index < photoCredits.size() ? photoCredits.get(index) : PhotoSlot.EMPTY;
    }

    /** The day typed, or {@code null} when none was typed or what was typed is not a date. */
    static LocalDate date(String typed) {
        if (typed == null) {
            return null;
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(typed.strip(), format);
            } catch (DateTimeParseException notThisFormat) {
                // try the next one
            }
        }
        return null;
    }

    /** Not the form: its contact details are the resident's, and its words may say who they are. */
    @Override
    public String toString() {
        return "TipForm[redacted]";
    }

    /**
     * The tip the form says, once valid: what the JSON API takes.
     *
     * @param photoCredits what was said of each chosen photo, in their order (see {@link PhotoUploads#fromSlots})
     */
    TipRequest toRequest(List<PhotoCredit> photoCredits) {
        return new TipRequest(
                headline, body, area, category, name, email, phone, date(happenedOn), consents(), photoCredits);
    }
}
