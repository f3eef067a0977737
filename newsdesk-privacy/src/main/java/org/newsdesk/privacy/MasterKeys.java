package org.newsdesk.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The master key that wraps every tip's data key, and the keys it replaced. A key is known by an
 * id made from it (the start of a SHA-256 of its bytes: it tells keys apart and reveals nothing of
 * them), which each wrapped data key records, so a rotation knows what is left to re-wrap.
 */
final class MasterKeys {

    private static final int KEY_BYTES = 32;

    private final String currentId;
    private final Map<String, Aead> byId;

    private MasterKeys(String currentId, Map<String, Aead> byId) {
        this.currentId = currentId;
        this.byId = byId;
    }

    static MasterKeys from(PrivacyProperties properties) {
        String current = properties.key();
        if (current == null && properties.keyFile() != null) {
            current = readOrMake(properties.keyFile());
        }
        if (current == null) {
            throw new MissingPrivacyKeyException(
                    "No master key to seal residents' contact details with: NEWSDESK_PRIVACY_KEY is not set");
        }
        Map<String, Aead> keys = new LinkedHashMap<>();
        String currentId = add(keys, current, "NEWSDESK_PRIVACY_KEY");
        for (String previous : properties.previousKeys()) {
            add(keys, previous, "NEWSDESK_PRIVACY_PREVIOUS_KEYS");
        }
        return new MasterKeys(currentId, Map.copyOf(keys));
    }

    /** A new master key in the form {@code NEWSDESK_PRIVACY_KEY} takes. */
    static String generate() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    String currentId() {
        return currentId;
    }

    Aead current() {
        return byId.get(currentId);
    }

    /** The key with this id, if this service still knows it. */
    Aead byId(String id) {
        return byId.get(id);
    }

    List<String> previousIds() {
        return byId.keySet().stream().filter(id -> !id.equals(currentId)).toList();
    }

    private static String add(Map<String, Aead> keys, String encoded, String setting) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notBase64) {
            throw new MissingPrivacyKeyException(setting + " is not base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new MissingPrivacyKeyException(
                    setting + " holds " + raw.length + " bytes; a master key is " + KEY_BYTES + " random bytes");
        }
        String id = DigestUtils.sha256Hex(raw).substring(0, 16);
        keys.putIfAbsent(id, aead(raw));
        return id;
    }

    /** Tink's AES-256-GCM over the given bytes: the one place a raw key becomes a primitive. */
    private static Aead aead(byte[] raw) {
        try {
            AeadConfig.register();
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(KEY_BYTES)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            AesGcmKey key = AesGcmKey.builder()
                    .setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get()))
                    .build();
            return KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                    .build()
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException notAKey) {
            throw new MissingPrivacyKeyException(
                    "The master key cannot be used: " + notAKey.getClass().getSimpleName());
        }
    }

    /**
     * The embedded run's key: made once, readable by its owner only, found again on every start.
     * The three services start at once, so the file appears whole or not at all: written aside,
     * then linked into place, which fails rather than replaces when another service was first.
     */
    private static String readOrMake(Path file) {
        try {
            if (!Files.exists(file)) {
                Path folder = file.toAbsolutePath().getParent();
                Files.createDirectories(folder);
                Path aside = Files.createTempFile(folder, ".privacy-key", ".tmp");
                try {
                    restrictToOwner(aside);
                    Files.writeString(aside, generate() + "\n", StandardCharsets.US_ASCII);
                    Files.createLink(file, aside);
                } catch (FileAlreadyExistsException anotherServiceWasFirst) {
                    // Theirs is the key: read below.
                } finally {
                    Files.deleteIfExists(aside);
                }
            }
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return key.isEmpty() ? null : key;
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot read or make the privacy key file " + file, unreadable);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data folder's own permissions protect it.
        }
    }
}
