package org.newsdesk.events;

/**
 * A resident's contact details as they travel and are stored: each part sealed on its own (AEAD,
 * Google Tink's AES-256-GCM) with the data key of its tip, the tip's id and the part's name as
 * associated data, so a sealed part opens only for its own tip and in its own place. The data key
 * lives wrapped in the key store and nowhere else: once it is deleted, these can never be opened
 * again, in whatever log segment, dead-letter topic or rebuilt store they lie.
 *
 * @param name  the sealed name (base64), or {@code null} when the resident gave none; likewise the others
 */
public record SealedContact(String name, String email, String phone) {

    /** Whether the resident gave nothing to seal. */
    public boolean isEmpty() {
        return name == null && email == null && phone == null;
    }
}
