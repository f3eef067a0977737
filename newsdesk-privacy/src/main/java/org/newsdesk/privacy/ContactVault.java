package org.newsdesk.privacy;

import java.time.Clock;
import java.util.List;
import org.newsdesk.events.SealedContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Mono;

/**
 * Seals residents' contact details at the field and opens them for moderators (see
 * {@link Envelope} for the cryptography). Each tip's data key is kept only in the {@link KeyStore};
 * only the sealed form is ever stored or sent, so deleting the data key ({@link #erase}) makes every
 * copy unreadable at once, in the Kafka log and its dead-letter topics, in every store and every
 * rebuild, without rewriting any of them.
 */
public final class ContactVault {

    private static final Logger log = LoggerFactory.getLogger(ContactVault.class);

    /** At most this many keys re-wrapped per read, so a rotation over a large store keeps its memory flat. */
    private static final int REWRAP_BATCH = 500;

    private final Envelope envelope;
    private final MasterKeys masterKeys;
    private final KeyStore keys;
    private final Clock clock;

    ContactVault(MasterKeys masterKeys, KeyStore keys, Clock clock) {
        this.envelope = new Envelope(masterKeys);
        this.masterKeys = masterKeys;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The details sealed with a new data key for the tip, once the key store holds that key;
     * empty when the resident gave none, and then no key is made. Sealing the same tip again
     * uses the key it already has.
     */
    public Mono<SealedContact> seal(String tipId, ContactDetails details) {
        if (details == null || details.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> envelope.newDataKey(tipId, clock.instant()))
                .flatMap(made -> keys.insert(made.wrapped())
                        .thenReturn(made.aead())
                        // Sealed before, by a retry: its key is the one the details must open with.
                        .onErrorResume(
                                DuplicateKeyException.class,
                                again -> keys.find(tipId).map(envelope::unwrap)))
                .map(dataKey -> Envelope.seal(dataKey, tipId, details));
    }

    /**
     * The details in clear, for a moderator's eyes only; empty when they were erased (the tip's
     * data key is gone). Fails with {@link SealedContactException} when they cannot be opened for
     * another reason: a master key this service does not know, or bytes that were tampered with.
     */
    public Mono<ContactDetails> open(String tipId, SealedContact sealed) {
        if (sealed == null || sealed.isEmpty()) {
            return Mono.just(new ContactDetails(null, null, null));
        }
        return keys.find(tipId).map(kept -> Envelope.open(envelope.unwrap(kept), tipId, sealed));
    }

    /** Whether the tip's details can no longer be opened: its data key is gone (or it never had one). */
    public Mono<Boolean> erased(String tipId) {
        return keys.find(tipId).map(kept -> false).defaultIfEmpty(true);
    }

    /**
     * Erases the tip's contact details everywhere by deleting its data key; {@code true} when this
     * call deleted it, {@code false} when it was gone already (erasing twice is erasing once).
     */
    public Mono<Boolean> erase(String tipId) {
        return keys.delete(tipId);
    }

    /**
     * Re-wraps, under the current master key, every data key a previous one wrapped, in bounded
     * batches; re-encrypts nothing else. Safe on several instances at once (each key is replaced
     * only if nobody did it first) and after a crash (what is left is found again). Completes with
     * how many this call re-wrapped.
     */
    public Mono<Long> rewrapUnderCurrentKey() {
        List<String> previous = masterKeys.previousIds();
        if (previous.isEmpty()) {
            return Mono.just(0L);
        }
        return rewrapBatch(previous)
                .expand(done -> done == 0 ? Mono.empty() : rewrapBatch(previous))
                .reduce(0L, Long::sum)
                .doOnNext(count -> {
                    if (count > 0) {
                        log.info("Re-wrapped {} data keys under the current master key", count);
                    }
                });
    }

    /** What the key store's owner makes at start. */
    Mono<Void> makeIndexes() {
        return keys.makeIndexes();
    }

    private Mono<Long> rewrapBatch(List<String> previous) {
        return keys.wrappedUnder(previous, REWRAP_BATCH)
                .concatMap(kept -> Mono.fromCallable(() -> envelope.rewrap(kept))
                        .flatMap(wrapped -> keys.rewrap(kept, wrapped, envelope.currentMasterKeyId())))
                .filter(Boolean::booleanValue)
                .count();
    }
}
