package org.newsdesk.submission.privacy;

import java.time.Clock;
import java.time.Instant;
import org.newsdesk.events.ContactErased;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.photo.ResidentPhotos;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Erases a tip's contact details, the one way both the resident and the retention sweep do it.
 * First the erasure is recorded with its {@code ContactErased} in one write on the submitted tip
 * (from then on it holds, whatever happens next), then the tip's data key is deleted, which makes
 * every sealed copy of the details unreadable, then its photos as received that no story uses are
 * deleted from the media store. Should a step after the record fail, the receipt stays due and
 * the retention sweep finishes it; every step may be done twice.
 */
@Component
public class ContactErasure {

    private static final Logger log = LoggerFactory.getLogger(ContactErasure.class);

    private final ErasureRecords records;
    private final ErasableTips tips;
    private final ContactVault vault;
    private final ResidentPhotos photos;
    private final Clock clock;

    ContactErasure(ErasureRecords records, ErasableTips tips, ContactVault vault, ResidentPhotos photos, Clock clock) {
        this.records = records;
        this.tips = tips;
        this.vault = vault;
        this.photos = photos;
        this.clock = clock;
    }

    /**
     * Completes once the erasure is recorded (it fails only when it could not be), having tried
     * to finish it.
     *
     * @return whether this call recorded it: {@code false} when it was erased already
     */
    public Mono<Boolean> erase(ErasableTip tip, ContactErased.Cause cause) {
        Instant erasedAt = clock.instant();
        return records.recordErasure(
                        tip.tipId(), cause, erasedAt, !tip.unusedPhotoIds().isEmpty())
                .flatMap(recorded -> tips.recordErasure(tip.tipId(), erasedAt, cause)
                        .onErrorResume(notYet -> unfinished(tip, notYet))
                        .then(finish(tip))
                        .thenReturn(recorded));
    }

    /** Deletes the data key and the unused photos, then takes the tip off the sweep's list. */
    private Mono<Void> finish(ErasableTip tip) {
        Mono<Void> finished = tip.complete() ? tips.erasureFinished(tip.tipId()) : Mono.empty();
        return vault.erase(tip.tipId())
                .then(photos.delete(tip.unusedPhotoIds()))
                .then(finished)
                .onErrorResume(notYet -> unfinished(tip, notYet));
    }

    private static <T> Mono<T> unfinished(ErasableTip tip, Throwable failure) {
        log.warn(
                "The erasure of tip {} is recorded but not finished; the retention sweep will finish it: {}",
                tip.tipId(),
                failure.getClass().getName());
        return Mono.empty();
    }
}
