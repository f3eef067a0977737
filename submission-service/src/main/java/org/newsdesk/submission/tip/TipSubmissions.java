package org.newsdesk.submission.tip;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.commons.codec.digest.DigestUtils;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.events.SealedContact;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.messaging.store.StoreWatch;
import org.newsdesk.privacy.ContactDetails;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.submission.photo.CleanPhoto;
import org.newsdesk.submission.photo.PhotoCleaner;
import org.newsdesk.submission.photo.ResidentPhotos;
import org.newsdesk.submission.photo.Upload;
import org.newsdesk.submission.receipt.ReceiptCode;
import org.newsdesk.submission.receipt.ReceiptStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Accepts a tip: it counts as accepted once it is stored, with its {@code TipSubmitted} in its
 * outbox, in this service's database; only then does the resident get a receipt. Kafka is not on
 * that path: the outbox relay delivers the tip to the newsroom as soon as Kafka takes it, now or
 * after an outage.
 */
@Component
class TipSubmissions {

    private static final Logger log = LoggerFactory.getLogger(TipSubmissions.class);

    private final SubmittedTips tips;
    private final SubmissionProperties properties;
    private final PhotoCleaner cleaner;
    private final ResidentPhotos photos;
    private final ContactVault vault;
    private final StoreWatch storeWatch;
    private final Clock clock;

    TipSubmissions(
            SubmittedTips tips,
            SubmissionProperties properties,
            PhotoCleaner cleaner,
            ResidentPhotos photos,
            ContactVault vault,
            StoreWatch storeWatch,
            Clock clock) {
        this.tips = tips;
        this.properties = properties;
        this.cleaner = cleaner;
        this.photos = photos;
        this.vault = vault;
        this.storeWatch = storeWatch;
        this.clock = clock;
    }

    /**
     * Completes with the new tip's receipt, or fails with {@link TipNotAcceptedException} when the
     * store did not acknowledge the write within the accept timeout. A write that timed out may
     * still land; the tip is then delivered although the resident was asked to send it again: a
     * possible duplicate, never a loss, and no duplicate at all for a client that sends an
     * idempotency key: a request repeating one that was stored gets that one's answer (a
     * different tip under a used key gets a {@code 422}). While the service is not ready (its
     * store is out) the tip is refused before anything is written: that refusal means refused.
     *
     * @param key the request's idempotency key, or {@code null}
     */
    Mono<TipAccepted> submit(TipRequest request, IdempotencyKey key) {
        return refusedWhileNotReady().then(Mono.defer(() -> submitClean(request, key, List.of())));
    }

    /**
     * As {@link #submit(TipRequest, IdempotencyKey)}, with photos. They are cleaned first, then stored
     * in the media store, and the tip, which refers to them, only after: a tip never refers to a
     * photo that is not there. A photo refused fails with its {@code PhotoRefusedException}, and
     * every photo decoder being busy with {@link TipNotAcceptedException}: then nothing is stored.
     * A request repeating a stored one stores nothing.
     */
    Mono<TipAccepted> submit(TipRequest request, IdempotencyKey key, List<Upload> uploads) {
        return refusedWhileNotReady()
                .then(Mono.defer(() -> cleaner.clean(uploads)))
                .onErrorMap(RejectedExecutionException.class, busy -> {
                    log.warn("Tip not accepted: every photo decoder is busy");
                    return new TipNotAcceptedException(properties.retryAfter(), busy);
                })
                .flatMap(cleanPhotos -> submitClean(request, key, cleanPhotos));
    }

    /**
     * Refuses at once, rather than after the accept timeout, a tip that would be written to a store
     * known not to answer; the store watch logged the outage already. Only then: while the service
     * stops, readiness is down too but the store answers, and a tip arriving meanwhile (say one a
     * resident was still uploading) is accepted while the web server drains.
     */
    private Mono<Void> refusedWhileNotReady() {
        return Mono.defer(() -> storeWatch.holdsTheServiceOutOfTraffic()
                ? Mono.error(new TipNotAcceptedException(properties.retryAfter(), null))
                : Mono.empty());
    }

    private Mono<TipAccepted> submitClean(TipRequest request, IdempotencyKey key, List<CleanPhoto> cleanPhotos) {
        if (key == null) {
            return accept(request, cleanPhotos, null, null);
        }
        String fingerprint = fingerprint(request, cleanPhotos);
        return storedUnder(key)
                .flatMap(stored -> replay(stored, key, fingerprint))
                .switchIfEmpty(Mono.defer(() -> accept(request, cleanPhotos, key, fingerprint)
                        // Two copies of one request racing: the loser answers as the winner did.
                        .onErrorResume(
                                DuplicateKeyException.class,
                                duplicate -> storedUnder(key)
                                        .flatMap(stored -> replay(stored, key, fingerprint))
                                        .switchIfEmpty(Mono.error(duplicate)))));
    }

    /**
     * The tip already stored under this key, if any. Bounded by the accept timeout like the write:
     * a resident never waits on a slow store for longer than that, whichever question it is slow
     * to answer.
     */
    private Mono<SubmittedTip> storedUnder(IdempotencyKey key) {
        return tips.findByIdempotencyKey(key.digest())
                .timeout(properties.acceptTimeout())
                .onErrorMap(failure -> {
                    log.warn(
                            "Tip not accepted: the store did not say whether its key was used before: {}",
                            NestedExceptionUtils.getMostSpecificCause(failure)
                                    .getClass()
                                    .getName());
                    return new TipNotAcceptedException(properties.retryAfter(), failure);
                });
    }

    /**
     * Seals the contact details first, so that a key store that does not answer refuses the tip
     * before any photo is stored; then the photos, then the tip that refers to them.
     *
     * @param key and {@code fingerprint} (of the request), both {@code null} without an idempotency key
     */
    private Mono<TipAccepted> accept(
            TipRequest request, List<CleanPhoto> cleanPhotos, IdempotencyKey key, String fingerprint) {
        String tipId = UUID.randomUUID().toString();
        return seal(tipId, request)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(sealedContact -> storePhotos(tipId, cleanPhotos)
                        .flatMap(references ->
                                store(tipId, request, sealedContact.orElse(null), references, key, fingerprint)));
    }

    private Mono<TipAccepted> store(
            String tipId,
            TipRequest request,
            SealedContact sealedContact,
            List<PhotoReference> references,
            IdempotencyKey key,
            String fingerprint) {
        ReceiptCode receipt = ReceiptCode.generate();
        Instant submittedAt = clock.instant();
        // Each photo's credit travels in its reference, so it follows the photo into a story.
        List<PhotoReference> credited = IntStream.range(0, references.size())
                .mapToObj(photo -> references.get(photo).creditedTo(request.printedName(photo)))
                .toList();
        TipSubmitted event = TipSubmitted.sealed(
                tipId,
                receipt.digest(),
                request.headline(),
                request.body(),
                request.area(),
                request.category(),
                sealedContact,
                submittedAt,
                request.happenedOn(),
                request.contactConsent(),
                credited);
        SubmittedTips.Replay replay =
                key == null ? null : new SubmittedTips.Replay(key.digest(), fingerprint, key.seal(receipt));
        return tips.store(event, replay)
                .timeout(properties.acceptTimeout())
                .onErrorResume(failure -> forgetUnlessLanded(tipId, references, failure))
                .onErrorMap(failure -> !(failure instanceof DuplicateKeyException), failure -> {
                    log.warn(
                            "Tip {} not accepted: the store did not acknowledge it: {}",
                            tipId,
                            NestedExceptionUtils.getMostSpecificCause(failure)
                                    .getClass()
                                    .getName());
                    return new TipNotAcceptedException(properties.retryAfter(), failure);
                })
                .doOnNext(stored -> tips.relayInBackground(tipId, stored))
                .thenReturn(new TipAccepted(tipId, receipt.formatted(), ReceiptStatus.RECEIVED));
    }

    /**
     * The resident's contact details sealed with the tip's own data key, kept in the key store
     * before anything of the tip is stored; empty when they gave none. A key store that does not
     * answer in time refuses the tip: it is never stored with its details in clear.
     */
    private Mono<SealedContact> seal(String tipId, TipRequest request) {
        return vault.seal(tipId, new ContactDetails(request.name(), request.email(), request.phone()))
                .timeout(properties.acceptTimeout())
                .onErrorMap(failure -> {
                    log.warn(
                            "Tip {} not accepted: its contact details could not be sealed: {}",
                            tipId,
                            NestedExceptionUtils.getMostSpecificCause(failure)
                                    .getClass()
                                    .getName());
                    return new TipNotAcceptedException(properties.retryAfter(), failure);
                });
    }

    /** The photos in the media store, before the tip that refers to them; none stored should one fail. */
    private Mono<List<PhotoReference>> storePhotos(String tipId, List<CleanPhoto> cleanPhotos) {
        if (cleanPhotos.isEmpty()) {
            return Mono.just(List.of());
        }
        List<PhotoReference> stored = new CopyOnWriteArrayList<>();
        return photos.store(cleanPhotos, stored::add)
                .timeout(properties.storeTimeout())
                .onErrorMap(failure -> {
                    log.warn(
                            "Tip {} not accepted: its photos could not be stored: {}",
                            tipId,
                            NestedExceptionUtils.getMostSpecificCause(failure)
                                    .getClass()
                                    .getName());
                    return new TipNotAcceptedException(properties.retryAfter(), failure);
                })
                .onErrorResume(failure -> photos.forget(List.copyOf(stored)).then(Mono.error(failure)));
    }

    /**
     * The tip was not stored, so its photos and its data key are referred to by nothing: remove
     * them. Not after a timeout, though: that write may still land, and its tip then needs both.
     * Such photos, when the write did not land after all, stay behind unreferenced: no metadata in
     * them, no way to find them without their ids, only space taken (a sweep of photos no tip
     * refers to would reclaim it); such a key opens nothing that was stored.
     */
    private <T> Mono<T> forgetUnlessLanded(String tipId, List<PhotoReference> references, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return Mono.error(failure);
        }
        return photos.forget(references)
                .then(vault.erase(tipId).onErrorResume(notErased -> Mono.empty()))
                .then(Mono.error(failure));
    }

    private static Mono<TipAccepted> replay(SubmittedTip stored, IdempotencyKey key, String fingerprint) {
        if (!fingerprint.equals(stored.requestFingerprint())) {
            return Mono.error(new KeyReusedException());
        }
        ReceiptCode receipt = key.unseal(stored.sealedReceipt());
        return Mono.just(new TipAccepted(stored.tipId(), receipt.formatted(), ReceiptStatus.RECEIVED));
    }

    /**
     * The tip as sent, for telling a repeated request from another tip under the same key. The
     * contact details are left out: the fingerprint lies in clear in the store, and a digest of
     * them would let whoever reads it test a guess of a resident's name, email or phone, even
     * after they were erased. A request repeating another's words and photos under its key, with
     * other contact details, is so taken for a repeat and answered with the first tip's receipt.
     */
    private static String fingerprint(TipRequest request, List<CleanPhoto> cleanPhotos) {
        // The same upload always cleans to the same bytes, so these tell the same photos from others.
        // A credit is part of the tip: the same photos credited otherwise are another tip.
        String photoDigests = IntStream.range(0, cleanPhotos.size())
                .mapToObj(photo ->
                        DigestUtils.sha256Hex(cleanPhotos.get(photo).bytes()) + " " + request.printedName(photo))
                .reduce("", (digests, digest) -> digests + digest + ",");
        String joined = String.join(
                "\u0000",
                photoDigests,
                String.valueOf(request.headline()),
                String.valueOf(request.body()),
                String.valueOf(request.area()),
                String.valueOf(request.category()),
                String.valueOf(request.happenedOn()),
                String.valueOf(request.contactConsent()));
        return DigestUtils.sha256Hex(joined);
    }

    /** The answer to a resident whose tip is on its way. */
    record TipAccepted(String tipId, String receipt, ReceiptStatus status) {

        /** Without the receipt code: it is the resident's secret. */
        @Override
        public String toString() {
            return "TipAccepted[tipId=" + tipId + ", receipt=redacted, status=" + status + "]";
        }
    }
}
