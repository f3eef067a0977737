package org.newsdesk.submission.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a resident typed, or is shown, of their receipt never prints the code. */
class RedactedReceiptRecordsTests {

    private static final String CODE = "K7Q2-M9XD-4HRT-PW3C";

    @Test
    void aLookupPrintsNotTheCodeTyped() {
        assertThat(new ReceiptLookup(CODE).toString()).isEqualTo("ReceiptLookup[redacted]");
    }

    @Test
    void aReceiptViewPrintsItsStatusButNotTheCode() {
        ReceiptController.ReceiptView view = new ReceiptController.ReceiptView(
                CODE, ReceiptStatus.RECEIVED, null, null, Instant.EPOCH, Instant.EPOCH, null);

        assertThat(view.toString()).isEqualTo("ReceiptView[receipt=redacted, status=RECEIVED]");
    }
}
