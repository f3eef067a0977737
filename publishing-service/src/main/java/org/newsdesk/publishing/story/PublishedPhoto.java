package org.newsdesk.publishing.story;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A photo published with a story: publishing's own resized copies of a photo the moderator chose,
 * never the resident's original, which stays in the shared media store.
 *
 * @param sourceId the shared media store's id of the photo the copies were made from
 * @param caption  the moderator's caption, or {@code null} when they gave none
 * @param variants the copies, narrowest first; each is served at {@code /photos/{id}}
 */
public record PublishedPhoto(String sourceId, @Nullable String caption, List<Variant> variants) {

    public PublishedPhoto {
        Objects.requireNonNull(sourceId, "sourceId");
        variants = variants == null
                ? List.of()
                : variants.stream()
                        .sorted(Comparator.comparingInt(Variant::width))
                        .toList();
    }

    /** One resized copy, a JPEG. */
    public record Variant(String id, int width, int height) {}

    /** The copy a page shows by default: the widest that is not wider than {@code width}, else the narrowest. */
    public Variant upTo(int width) {
        Variant chosen = variants.get(0);
        for (Variant variant : variants) {
            if (variant.width() <= width) {
                chosen = variant;
            }
        }
        return chosen;
    }

    /** What a reader who cannot see the photo gets: the caption, or the story's headline. */
    public String alt(String headline) {
        return caption == null || caption.isBlank() ? headline : caption.strip();
    }
}
