package org.newsdesk.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import org.newsdesk.events.SealedContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Seals residents' contact details at the field and opens them for moderators: envelope
 * encryption with Google Tink. Each tip gets a data key of its own (an AES-256-GCM keyset), kept
 * only in the {@link KeyStore}, wrapped by the master key; each part of the details is sealed with
 * it, the tip's id and the part's name as associated data. Only the sealed form is ever stored or
 * sent, so deleting the data key ({@link #erase}) makes every copy unreadable at once, in the Kafka
 * log and its dead-letter topics, in every store and every rebuild, without rewriting any of them.
 */
public final class ContactVault {

    private static final Logger log = LoggerFactory.getLogger(ContactVault.class);

    /** At most this many keys re-wrapped per read, so a rotation over a large store keeps its memory flat. */
    private static final int REWRAP_BATCH = 500;

    private final MasterKeys masterKeys;
    private final KeyStore keys;
    private final Clock clock;

    ContactVault(MasterKeys masterKeys, KeyStore keys, Clock clock) {
        this.masterKeys = masterKeys;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The details sealed with a new data key for the tip, once the key store holds that key;
     * {@code null} (an empty {@code Mono}) when the resident gave none, and then no key is made.
     * Sealing the same tip again uses the key it already has.
     */
    public Mono<SealedContact> seal(String tipId, ContactDetails details) {
        if (details == null || details.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> newDataKey(tipId)).flatMap(keys::keep).map(kept -> {
            Aead dataKey = unwrap(kept);
            return new SealedContact(
                    seal(dataKey, tipId, "name", details.name()),
                    seal(dataKey, tipId, "email", details.email()),
                    seal(dataKey, tipId, "phone", details.phone()));
        });
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
        return keys.find(tipId).map(kept -> {
            Aead dataKey = unwrap(kept);
            return new ContactDetails(
                    open(dataKey, tipId, "name", sealed.name()),
                    open(dataKey, tipId, "email", sealed.email()),
                    open(dataKey, tipId, "phone", sealed.phone()));
        });
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
        var previous = masterKeys.previousIds();
        if (previous.isEmpty()) {
            return Mono.just(0L);
        }
        return keys.wrappedUnder(previous, REWRAP_BATCH)
                .concatMap(this::rewrap)
                .filter(Boolean::booleanValue)
                .count()
                .expand(done -> done == 0
                        ? Mono.empty()
                        : keys.wrappedUnder(previous, REWRAP_BATCH)
                                .concatMap(this::rewrap)
                                .filter(Boolean::booleanValue)
                                .count())
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

    private Mono<Boolean> rewrap(WrappedDataKey kept) {
        return Mono.fromCallable(() -> wrap(kept.tipId(), parse(kept)))
                .flatMap(wrapped -> keys.rewrap(kept, wrapped, masterKeys.currentId()));
    }

    private WrappedDataKey newDataKey(String tipId) throws GeneralSecurityException {
        KeysetHandle dataKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        return new WrappedDataKey(tipId, wrap(tipId, dataKey), masterKeys.currentId(), clock.instant());
    }

    private byte[] wrap(String tipId, KeysetHandle dataKey) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, masterKeys.current(), associated(tipId));
    }

    private KeysetHandle parse(WrappedDataKey kept) throws GeneralSecurityException {
        Aead master = masterKeys.byId(kept.masterKeyId());
        if (master == null) {
            throw new SealedContactException("The data key of tip " + kept.tipId() + " was wrapped by master key "
                    + kept.masterKeyId() + ", which this service was not given");
        }
        return TinkProtoKeysetFormat.parseEncryptedKeyset(kept.wrapped(), master, associated(kept.tipId()));
    }

    private Aead unwrap(WrappedDataKey kept) {
        try {
            return parse(kept).getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException unusable) {
            throw new SealedContactException("The data key of tip " + kept.tipId() + " cannot be unwrapped", unusable);
        }
    }

    private static String seal(Aead dataKey, String tipId, String part, String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] sealed = dataKey.encrypt(value.getBytes(StandardCharsets.UTF_8), associated(tipId + "/" + part));
            return Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException failed) {
            throw new SealedContactException("Could not seal a contact detail of tip " + tipId, failed);
        }
    }

    private static String open(Aead dataKey, String tipId, String part, String sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            byte[] clear = dataKey.decrypt(Base64.getDecoder().decode(sealed), associated(tipId + "/" + part));
            return new String(clear, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException tampered) {
            throw new SealedContactException(
                    "A contact detail of tip " + tipId + " does not open with its key", tampered);
        }
    }

    private static byte[] associated(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
