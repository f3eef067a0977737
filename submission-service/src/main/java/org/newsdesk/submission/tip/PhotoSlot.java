package org.newsdesk.submission.tip;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The questions beside one of the form's photo inputs, as the resident answered them: who took
 * the photo, and may we print their name with it ({@code yes} or {@code no}). The form has one
 * slot per photo a tip may have, so that each photo has questions of its own without JavaScript.
 */
record PhotoSlot(
        @Size(max = TipRequest.NAME_LENGTH, message = "Who took the photo must be at most {max} characters")
        String takenBy,

        @Pattern(regexp = "yes|no", message = "Choose yes or no")
        String publishName) {

    static final PhotoSlot EMPTY = new PhotoSlot(null, null);

    PhotoSlot {
        takenBy = TipRequest.blankToNull(takenBy);
        publishName = TipRequest.blankToNull(publishName);
    }

    /** Whether the resident said their name may be printed; public for the template. */
    public boolean publishes() {
        return "yes".equals(publishName);
    }

    /** Whether the resident said it may not; public for the template. */
    public boolean withholds() {
        return "no".equals(publishName);
    }

    PhotoCredit toCredit() {
        return new PhotoCredit(takenBy, publishes());
    }

    /** Not the name: it is a person's, given perhaps without leave to print it. */
    @Override
    public String toString() {
        return "PhotoSlot[redacted]";
    }
}
