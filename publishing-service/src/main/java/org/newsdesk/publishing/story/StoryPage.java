package org.newsdesk.publishing.story;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list of stories, newest first or best match first.
 *
 * @param next the cursor of the following page (its {@link StoryListPosition#cursor()}), or {@code null} when this
 *             is the last page
 */
public record StoryPage(List<Story> items, @Nullable String next) {

    public StoryPage {
        items = List.copyOf(items);
    }
}
