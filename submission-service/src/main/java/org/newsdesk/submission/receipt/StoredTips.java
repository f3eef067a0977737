package org.newsdesk.submission.receipt;

import java.time.Instant;
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

    /** @param submittedAt when the resident sent it */
    record StoredTip(String tipId, Instant submittedAt) {}
}
