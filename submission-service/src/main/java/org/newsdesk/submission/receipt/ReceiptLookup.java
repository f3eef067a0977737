package org.newsdesk.submission.receipt;

import jakarta.validation.constraints.NotBlank;

/**
 * The status form as the resident sent it. Only a blank code is refused here: a code that cannot
 * exist is answered as one nobody was given, so the answer tells a guesser nothing of their shape.
 */
record ReceiptLookup(
        @NotBlank(message = "Type the receipt code you got when you sent your tip")
        String receipt) {

    /** Without the code typed: it is the resident's secret. */
    @Override
    public String toString() {
        return "ReceiptLookup[redacted]";
    }
}
