package org.newsdesk.submission.receipt;

import jakarta.validation.constraints.NotBlank;

/**
 * A resident's act on their tip as the status page's forms send it: the receipt code in a hidden
 * field, never in the address, and whether they confirmed.
 *
 * @param confirmed {@code yes} from the confirmation page's button; anything else asks first
 */
record ResidentAct(
        @NotBlank(message = "Type the receipt code you got when you sent your tip")
        String receipt,

        String confirmed) {

    boolean isConfirmed() {
        return "yes".equals(confirmed);
    }
}
