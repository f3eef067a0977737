package org.newsdesk.submission.notification;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the emails owed to residents wait: each beside the receipt change that made it due, written
 * in the same single-document write (the receipts implement this). Every write here is conditional
 * on the notice still being the one the relay holds, so a receipt that moved on meanwhile (a newer
 * decision, an erasure) wins.
 */
public interface PendingNotices {

    /** Notices due at {@code now}: never leased, or their lease or back-off ran out; oldest first. */
    Flux<PendingNotice> dueNotices(Instant now, int limit);

    /**
     * Takes the notice for this relay until {@code until}, if it is still pending and due: nobody
     * else finds it due before then.
     *
     * @return the notice as it now stands, or nothing when it was sent, dropped, replaced or taken
     */
    Mono<PendingNotice> claim(String tipId, NoticeKind kind, Instant now, Instant until);

    /**
     * The notice is done with for good (sent, or dropped: its contact details are erased, or it
     * was given up on); this kind is never made again for the tip.
     *
     * @return whether the notice was still pending
     */
    Mono<Boolean> settle(String tipId, NoticeKind kind);

    /** The send failed: try again from {@code when}, having failed {@code attempts} times. */
    Mono<Void> retry(String tipId, NoticeKind kind, int attempts, Instant when);
}
