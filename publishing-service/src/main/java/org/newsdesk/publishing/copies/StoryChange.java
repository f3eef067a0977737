package org.newsdesk.publishing.copies;

import org.jspecify.annotations.Nullable;

/**
 * What a story event changed, as far as rendered copies are concerned.
 *
 * @param slug      the story's slug, whose page and API answer change; null when the event found no
 *                  story yet (a correction or retraction read before its story)
 * @param area      the key of the story's area: the lists of that area (and of every area) change
 * @param category  the key of the story's category, likewise
 * @param everyList every list changes, whatever it shows: a withdrawal changes every list's
 *                  {@code Last-Modified}, and a story decided again may have left another section
 * @param notices   the corrections column and its feed change
 */
public record StoryChange(
        @Nullable String slug,
        @Nullable String area,
        @Nullable String category,
        boolean everyList,
        boolean notices) {}
