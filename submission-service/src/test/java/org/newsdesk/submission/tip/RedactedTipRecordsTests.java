package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.newsdesk.submission.receipt.ReceiptStatus;

/** A tip as sent, as typed in the form and as accepted prints nothing a resident gave or got. */
class RedactedTipRecordsTests {

    private static final String NAME = "Mara Quillfeather";
    private static final String EMAIL = "mara.quillfeather@example.org";
    private static final String PHONE = "+44 115 496 0718";

    @Test
    void aTipRequestPrintsNoneOfTheResidentsDetails() {
        // Given a tip with contact details
        TipRequest tip = new TipRequest(
                "Lights out on Derby Road",
                "Since Tuesday",
                "Ilkeston",
                null,
                NAME,
                EMAIL,
                PHONE,
                LocalDate.of(2026, 12, 1),
                true,
                java.util.List.of(new PhotoCredit(NAME, true)));

        // When it is printed, then none of them shows, nor who took its photo
        assertThat(tip.toString()).isEqualTo("TipRequest[redacted]");
        assertThat(tip.photoCredits().toString()).doesNotContain(NAME);
    }

    @Test
    void aTipFormPrintsNoneOfTheResidentsDetails() {
        // Given a form filled in with contact details
        TipForm form = new TipForm(
                "Lights out on Derby Road",
                "Since Tuesday",
                "Ilkeston",
                "01/12/2026",
                "Community",
                NAME,
                EMAIL,
                PHONE,
                java.util.List.of(new PhotoSlot(NAME, "yes")),
                "yes",
                "token",
                null);

        // When it is printed, then none of them shows, nor who took its photo
        assertThat(form.toString()).isEqualTo("TipForm[redacted]");
        assertThat(form.photoCredits().toString()).doesNotContain(NAME);
        assertThat(new TipFormPage(form, java.util.Map.of(), null, false).toString())
                .doesNotContain(NAME)
                .doesNotContain(EMAIL)
                .doesNotContain(PHONE);
    }

    @Test
    void anAcceptedTipPrintsItsIdButNotItsReceiptCode() {
        // Given a tip accepted with its receipt code
        TipSubmissions.TipAccepted accepted =
                new TipSubmissions.TipAccepted("tip-1", "K7Q2-M9XD-4HRT-PW3C", ReceiptStatus.RECEIVED);

        // When it is printed, then the code does not show
        assertThat(accepted.toString()).isEqualTo("TipAccepted[tipId=tip-1, receipt=redacted, status=RECEIVED]");
    }
}
