package org.newsdesk.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import org.newsdesk.events.SealedContact;

/**
 * The cryptography of sealing, and nothing else (no store, no clock): envelope encryption with
 * Google Tink. A tip's data key is an AES-256-GCM keyset, wrapped by the master key with the tip's
 * id as associated data; each part of the details is sealed with the data key, the tip's id and
 * the part's name as associated data, so a sealed part opens only for its own tip, in its own place.
 */
final class Envelope {

    private final MasterKeys masterKeys;

    Envelope(MasterKeys masterKeys) {
        this.masterKeys = masterKeys;
    }

    /** A new data key for the tip, usable at once and wrapped for the key store. */
    DataKey newDataKey(String tipId, Instant now) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            WrappedDataKey wrapped = new WrappedDataKey(tipId, wrap(tipId, handle), masterKeys.currentId(), now);
            return new DataKey(wrapped, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException failed) {
            throw new SealedContactException("Could not make a data key for tip " + tipId, failed);
        }
    }

    /** The data key a stored one wraps, usable. */
    Aead unwrap(WrappedDataKey kept) {
        try {
            return parse(kept).getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException unusable) {
            throw new SealedContactException("The data key of tip " + kept.tipId() + " cannot be unwrapped", unusable);
        }
    }

    /** The same data key wrapped under the current master key. */
    byte[] rewrap(WrappedDataKey kept) {
        try {
            return wrap(kept.tipId(), parse(kept));
        } catch (GeneralSecurityException unusable) {
            throw new SealedContactException("The data key of tip " + kept.tipId() + " cannot be re-wrapped", unusable);
        }
    }

    String currentMasterKeyId() {
        return masterKeys.currentId();
    }

    static SealedContact seal(Aead dataKey, String tipId, ContactDetails details) {
        return new SealedContact(
                seal(dataKey, tipId, "name", details.name()),
                seal(dataKey, tipId, "email", details.email()),
                seal(dataKey, tipId, "phone", details.phone()));
    }

    static ContactDetails open(Aead dataKey, String tipId, SealedContact sealed) {
        return new ContactDetails(
                open(dataKey, tipId, "name", sealed.name()),
                open(dataKey, tipId, "email", sealed.email()),
                open(dataKey, tipId, "phone", sealed.phone()));
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

    /** A data key as made: the form the key store keeps, and the primitive that seals with it. */
    record DataKey(WrappedDataKey wrapped, Aead aead) {}
}
