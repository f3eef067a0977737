package org.newsdesk.publishing.story;

import org.jspecify.annotations.Nullable;

/**
 * A story event's write is done (the story, its search index and its corrections column): what
 * readers see may have changed. Published by {@link StoryRepository} in the thread that wrote, so
 * whoever keeps copies of readers' pages drops them before the write's caller goes on.
 *
 * @param story the story as stored; null for a correction or retraction read before its story
 */
public record StoryWritten(@Nullable Story story, Act act) {

    /** Which editorial act was written. */
    public enum Act {
        DECIDED,
        CORRECTED,
        RETRACTED
    }
}
