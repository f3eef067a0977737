package org.newsdesk.submission.tip;

import jakarta.validation.constraints.Size;

/**
 * Who took one photo of a tip, and whether the resident lets us print that name beside it. The
 * name travels with the photo ({@code PhotoReference.credit}) only with that leave; without it,
 * it is dropped here and stored nowhere, and the photo is credited to a reader.
 *
 * @param takenBy     who took the photo, as the resident names them
 * @param publishName whether their name may be printed with the photo; no answer means no
 */
record PhotoCredit(
        @Size(max = TipRequest.NAME_LENGTH, message = "must be at most {max} characters")
        String takenBy,

        Boolean publishName) {

    PhotoCredit {
        takenBy = TipRequest.blankToNull(takenBy);
        publishName = Boolean.TRUE.equals(publishName);
    }

    /** The name to print beside the photo, or {@code null} for "a reader". */
    String printedName() {
        return publishName ? takenBy : null;
    }

    /** Not the name: it is a person's, given perhaps without leave to print it. */
    @Override
    public String toString() {
        return "PhotoCredit[redacted]";
    }
}
