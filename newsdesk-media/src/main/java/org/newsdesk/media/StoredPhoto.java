package org.newsdesk.media;

import java.util.Objects;
import org.newsdesk.events.PhotoReference;

/** A photo as the media store holds it: its reference and its (already clean) bytes. */
public record StoredPhoto(PhotoReference reference, byte[] bytes) {

    public StoredPhoto {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(bytes, "bytes");
    }
}
