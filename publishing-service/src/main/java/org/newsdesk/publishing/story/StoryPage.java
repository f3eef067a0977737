package org.newsdesk.publishing.story;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list of stories, newest first or best match first.
 *
 * @param next          the cursor of the following page (its {@link StoryListPosition#cursor()}), or {@code null}
 *                      when this is the last page
 * @param lastWithdrawn when the newest withdrawal of any story was applied, {@code null} when none was: a
 *                      withdrawn story leaves every list, which changes the list though none of its stories did
 */
public record StoryPage(
        List<Story> items, @Nullable String next, @Nullable Instant lastWithdrawn) {

    public StoryPage {
        items = List.copyOf(items);
    }

    public StoryPage(List<Story> items, @Nullable String next) {
        this(items, next, null);
    }

    /**
     * When the list last changed, as far as a {@code Last-Modified} can tell: its newest story's
     * change, or the newest withdrawal if later, so that a client asking "changed since?" learns
     * that a withdrawn story is gone (a 304 would keep showing it).
     */
    public @Nullable Instant lastModified() {
        return Stream.concat(items.stream().map(Story::lastModified), Stream.ofNullable(lastWithdrawn))
                .max(Comparator.naturalOrder())
                .orElse(null);
    }
}
