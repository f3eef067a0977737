package org.newsdesk.events;

import java.util.Objects;

/**
 * A photo a moderator chose to go with a story, with the words a reader who cannot see it gets.
 *
 * @param caption the moderator's caption, printed under the photo; {@code null} for none
 * @param alt     the moderator's short description of what the photo shows, for readers who
 *                cannot see it (the image's alt text); {@code null} in decisions made before
 *                moderators were asked, where the caption, or else the headline, stands in
 */
public record StoryPhoto(PhotoReference photo, String caption, String alt) {

    public StoryPhoto {
        Objects.requireNonNull(photo, "photo");
        caption = caption == null || caption.isBlank() ? null : caption;
        alt = alt == null || alt.isBlank() ? null : alt;
    }

    /** A photo as moderators chose them before they were asked to describe it. */
    public StoryPhoto(PhotoReference photo, String caption) {
        this(photo, caption, null);
    }
}
