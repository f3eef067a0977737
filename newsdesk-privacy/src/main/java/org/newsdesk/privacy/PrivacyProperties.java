package org.newsdesk.privacy;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master key comes from and where the wrapped data keys live.
 *
 * @param key            the master key ({@code NEWSDESK_PRIVACY_KEY}): 32 random bytes in base64,
 *                       as {@code openssl rand -base64 32} makes them. Never in a database or on a topic
 * @param previousKeys   master keys retired by a rotation ({@code NEWSDESK_PRIVACY_PREVIOUS_KEYS},
 *                       comma-separated), kept only until the key store's owner has re-wrapped every
 *                       data key they wrapped under {@link #key}
 * @param keyFile        a file holding the master key, made with a new key on first start when
 *                       missing: only the embedded local run sets it (in its data folder); used
 *                       when no {@link #key} is given
 * @param database       the key store's own database, on the service's MongoDB ({@code NEWSDESK_PRIVACY_DATABASE})
 * @param keyStoreOwner  whether this service owns the key store: it makes the data keys, erases
 *                       them and re-wraps them after a rotation; the others only read them
 */
@ConfigurationProperties("newsdesk.privacy")
public record PrivacyProperties(
        String key, List<String> previousKeys, Path keyFile, String database, boolean keyStoreOwner) {

    public PrivacyProperties {
        key = key == null || key.isBlank() ? null : key.strip();
        previousKeys = previousKeys == null
                ? List.of()
                : previousKeys.stream()
                        .filter(previous -> previous != null && !previous.isBlank())
                        .map(String::strip)
                        .toList();
        database = database == null || database.isBlank() ? "newsdesk-privacy" : database;
    }
}
