package org.newsdesk.publishing.story;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of stories, newest first.
 *
 * @param next the cursor of the following page ({@link StoryCursor}), or {@code null} when this is the last page
 */
public record StoryPage(List<Story> items, @Nullable String next) {

    public StoryPage {
        items = List.copyOf(items);
    }
}
