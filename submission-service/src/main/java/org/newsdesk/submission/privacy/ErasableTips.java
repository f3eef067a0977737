package org.newsdesk.submission.privacy;

import java.time.Instant;
import org.newsdesk.events.ContactErased;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where an erasure learns which tips are due and which photos a story uses, and records what it
 * did: the receipts, which follow every tip's decision and story. Implemented by the receipt
 * feature, so that this package needs none of its classes.
 */
public interface ErasableTips {

    /** Up to {@code limit} tips whose contact details are due to be erased (or whose erasure to finish) by {@code now}. */
    Flux<ErasableTip> due(Instant now, int limit);

    /** The details were erased (the first erasure recorded stands); the sweep finishes it if nobody else does. */
    Mono<Boolean> recordErasure(String tipId, Instant erasedAt, ContactErased.Cause cause);

    /** The erasure's data key and unused photos are gone: nothing is left for the sweep. */
    Mono<Void> erasureFinished(String tipId);
}
