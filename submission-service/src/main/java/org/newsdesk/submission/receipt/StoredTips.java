package org.newsdesk.submission.receipt;

import java.time.Instant;
import org.newsdesk.events.ContactErased;
import reactor.core.publisher.Mono;

/**
 * The tips this service stored, as far as a receipt needs them. A resident holds a receipt as soon
 * as their tip is stored, before the topic brings the tip back to build the receipt from; until
 * then the stored tip is all there is to answer with. The tip feature, which stores them,
 * implements this.
 */
public interface StoredTips {

    /** The tip stored with this receipt digest; empty when there is none. */
    Mono<StoredTip> findByReceiptDigest(String receiptDigest);

    /**
     * Records that the resident withdrew the tip, with its {@code TipWithdrawn}, in one
     * conditional write: only the first withdrawal is recorded and announced.
     *
     * @return when the tip was withdrawn: now, or when it was first withdrawn; empty when this
     *         service holds no such tip
     */
    Mono<Instant> withdraw(String tipId, Instant at);

    /**
     * @param submittedAt     when the resident sent it
     * @param withdrawnAt     when the resident withdrew it, if they did
     * @param contactErasedAt when its contact details were erased, if they were
     */
    record StoredTip(
            String tipId,
            Instant submittedAt,
            Instant withdrawnAt,
            Instant contactErasedAt,
            ContactErased.Cause erasedBy) {}
}
