package org.newsdesk.submission.privacy;

import java.time.Instant;
import org.newsdesk.events.ContactErased;
import reactor.core.publisher.Mono;

/**
 * Where an erasure is recorded with its event: on the submitted tip, whose outbox announces it.
 * Implemented by the tip feature, which owns the tips.
 */
public interface ErasureRecords {

    /**
     * Records that the tip's contact details are erased, with its {@code ContactErased}, in one
     * conditional write: only the first erasure of a tip is recorded and announced.
     *
     * @return whether this call recorded it; {@code false} when it was recorded already, or when
     *         this service holds no such tip
     */
    Mono<Boolean> recordErasure(String tipId, ContactErased.Cause cause, Instant erasedAt, boolean photosErased);
}
