package org.newsdesk.events;

import java.util.Objects;

/**
 * A claim check for a photo a resident sent: the photo itself lives once in the shared media
 * store (already stripped of every bit of metadata), and events carry only this reference, so a
 * topic never holds image bytes and every service reads the same copy by its id.
 *
 * @param id          the media store's id for the photo (made by the server, never the file name)
 * @param contentType {@code image/jpeg}, {@code image/png} or {@code image/webp}, as decoded
 * @param size        bytes as stored
 * @param sha256      hex digest of the stored bytes, so a reader can tell a copy is intact
 * @param width       pixels, upright
 * @param height      pixels, upright
 */
public record PhotoReference(String id, String contentType, long size, String sha256, int width, int height) {

    public PhotoReference {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
    }
}
