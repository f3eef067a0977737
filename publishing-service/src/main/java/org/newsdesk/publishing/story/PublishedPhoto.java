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
 * @param alt      the moderator's description of the photo for readers who cannot see it, or
 *                 {@code null} in stories published before moderators were asked for one
 * @param credit   who took the photo, as the resident gave it with leave to print it; {@code null}
 *                 credits it to a reader
 */
public record PublishedPhoto(
        String sourceId,
        @Nullable String caption,
        List<Variant> variants,
        @Nullable String alt,
        @Nullable String credit) {

    /** Whom a photo without a named photographer is credited to. */
    public static final String UNNAMED_PHOTOGRAPHER = "a reader";

    public PublishedPhoto {
        Objects.requireNonNull(sourceId, "sourceId");
        variants = variants == null
                ? List.of()
                : variants.stream()
                        .sorted(Comparator.comparingInt(Variant::width))
                        .toList();
        alt = blankToNull(alt);
        credit = blankToNull(credit);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
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

    /** The narrowest copy: enough for a thumbnail beside a headline, even on a sharp screen. */
    public Variant narrowest() {
        return variants.get(0);
    }

    /**
     * What a reader who cannot see the photo gets: the moderator's description; for a photo
     * published before moderators were asked for one, the caption, or else the story's headline.
     */
    public String alt(String headline) {
        return alt != null ? alt : caption == null || caption.isBlank() ? headline : caption.strip();
    }

    /** The line printed with the photo: {@code Photo: Jane Smith}, or {@code Photo: a reader}. */
    public String creditLine() {
        return "Photo: " + (credit == null ? UNNAMED_PHOTOGRAPHER : credit);
    }
}
