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
 * @param credit      the name to print beside the photo: who took it, as the resident gave it
 *                    together with leave to publish it; {@code null} when they gave no name or no
 *                    leave (the story then credits the photo to a reader). It travels with the
 *                    reference, so the credit follows the photo from the tip to the story.
 */
public record PhotoReference(
        String id, String contentType, long size, String sha256, int width, int height, String credit) {

    public PhotoReference {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        credit = credit == null || credit.isBlank() ? null : credit.strip();
    }

    /** A photo as stored, before anyone said who took it (and every photo sent before the form asked). */
    public PhotoReference(String id, String contentType, long size, String sha256, int width, int height) {
        this(id, contentType, size, sha256, width, height, null);
    }

    /** The same photo, credited to the given name (or to a reader, for {@code null}). */
    public PhotoReference creditedTo(String name) {
        return new PhotoReference(id, contentType, size, sha256, width, height, name);
    }
}
