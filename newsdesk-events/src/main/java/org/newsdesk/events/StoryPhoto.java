package org.newsdesk.events;

import java.util.Objects;

/**
 * A photo a moderator chose to go with a story, with the words a reader who cannot see it gets.
 *
 * @param caption the moderator's caption (also the alt text), or {@code null} to use the headline
 */
public record StoryPhoto(PhotoReference photo, String caption) {

    public StoryPhoto {
        Objects.requireNonNull(photo, "photo");
    }
}
