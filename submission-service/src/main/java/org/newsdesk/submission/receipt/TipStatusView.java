package org.newsdesk.submission.receipt;

import java.util.Locale;
import org.newsdesk.web.time.OutletTime;

/**
 * Where a tip stands, in the resident's words: what the status page shows and all it shows.
 * Public accessors only, for the template engine.
 *
 * @param found    whether the code opened a tip
 * @param status   the tip's status, {@code null} when not found
 * @param storyUrl the published story, when there is one
 * @param reason   the moderators' reason for not publishing it, when they gave one, or the
 *                 editors' public reason for withdrawing its story
 * @param withdrawnByResident whether the resident withdrew it (rather than the editors its story)
 * @param withdrawable whether the resident may still withdraw it: nobody decided it yet
 * @param erasable   whether there may be contact details or photos left to erase
 * @param erased     whether the contact details were erased
 * @param headline   the tip's headline, so the resident knows which tip this is; {@code null} while
 *                   the receipt is not built yet
 * @param sent       when the resident sent it, in the outlet's time
 */
record TipStatusView(
        boolean found,
        ReceiptStatus status,
        String storyUrl,
        String reason,
        boolean withdrawnByResident,
        boolean withdrawable,
        boolean erasable,
        boolean erased,
        String headline,
        OutletTime.Shown sent) {

    static final TipStatusView UNKNOWN =
            new TipStatusView(false, null, null, null, false, false, false, false, null, null);

    static TipStatusView of(Receipt receipt, OutletTime outletTime) {
        return new TipStatusView(
                true,
                receipt.status(),
                receipt.status() == ReceiptStatus.PUBLISHED ? receipt.storyUrl() : null,
                receipt.status() == ReceiptStatus.DECLINED || receipt.status() == ReceiptStatus.WITHDRAWN
                        ? blankToNull(receipt.reason())
                        : null,
                receipt.withdrawnByResident(),
                !receipt.decided() && receipt.withdrawnAt() == null,
                receipt.hasDetailsToErase(),
                receipt.contactErasedAt() != null,
                blankToNull(receipt.headline()),
                receipt.submittedAt() == null ? null : outletTime.dateTime(receipt.submittedAt()));
    }

    /** A short name for the status, as a heading. */
    public String title() {
        if (!found) {
            return "We could not find a tip with this code";
        }
        return switch (status) {
            case RECEIVED -> "Received";
            case IN_REVIEW -> "Being looked at";
            case PUBLISHED -> "Published";
            case DECLINED -> "Not published";
            case WITHDRAWN -> withdrawnByResident ? "Withdrawn by you" : "Withdrawn";
        };
    }

    /** One plain sentence on what that means. */
    public String explanation() {
        if (!found) {
            return "Check the code for typos: it is 16 letters and digits, in four groups of four, like "
                    + "K7Q2-M9XD-4HRT-PW3C. Capitals or small letters and the dashes do not matter.";
        }
        return switch (status) {
            case RECEIVED -> "Your tip is with the newsroom, waiting for an editor to read it.";
            case IN_REVIEW -> "An editor has read your tip and is working on it.";
            case PUBLISHED -> "Your tip became a story. Thank you for telling us.";
            case DECLINED -> "The editors decided not to publish your tip.";
            case WITHDRAWN ->
                withdrawnByResident
                        ? "You withdrew this tip, so the editors will not publish it."
                        : "Your tip became a story, but the editors have since taken the story down. "
                                + "It is no longer on the website.";
        };
    }

    /** For the page's styling: received, in-review, published, declined, withdrawn or unknown. */
    public String kind() {
        return found ? status.name().toLowerCase(Locale.ROOT).replace('_', '-') : "unknown";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
