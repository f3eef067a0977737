package org.newsdesk.publishing.page;

import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.Story;

/**
 * A story as its page shows it. The text is still exactly what the moderator approved: escaping
 * it is the template's job, and doing it here too would print {@code &amp;amp;}.
 *
 * @param area     {@code null} rather than blank, so the template has one test for "none"
 * @param category likewise
 */
record StoryView(String slug, String headline, StoryListView.@Nullable Section area,
        StoryListView.@Nullable Section category, PublicationDate published, @Nullable PublicationDate updated,
        List<BodyBlock> body) {

    static StoryView of(Story story, ZoneId zone) {
        PublicationDate updated = story.lastModified().isAfter(story.publishedAt())
                ? PublicationDate.of(story.lastModified(), zone) : null;
        return new StoryView(story.slug(), story.headline(), StoryListView.Section.of(story.area()),
                StoryListView.Section.of(story.category()), PublicationDate.of(story.publishedAt(), zone), updated,
                BodyBlock.of(story.body()));
    }

    static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
