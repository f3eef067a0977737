package org.newsdesk.submission.receipt;

import java.time.Instant;
import java.util.List;
import org.newsdesk.events.TipDecided;
import org.newsdesk.submission.privacy.ErasableTip;
import org.springframework.data.annotation.Id;

/**
 * A receipt due for the retention sweep, as far as an erasure needs it: read without the rest, so
 * a pass over many stays light, and a receipt whose other fields no longer read stops no sweep.
 */
record DueReceipt(
        @Id String tipId,
        long submissionRevision,
        Instant publishedAt,
        TipDecided.Outcome decisionOutcome,
        Instant withdrawnAt,
        List<String> photoIds,
        List<String> chosenPhotoIds) {

    ErasableTip erasable() {
        return Receipt.erasable(
                tipId, submissionRevision, publishedAt, decisionOutcome, withdrawnAt, photoIds, chosenPhotoIds);
    }
}
