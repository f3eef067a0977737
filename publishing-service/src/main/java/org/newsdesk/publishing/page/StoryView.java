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
record StoryView(String slug, String headline, @Nullable String area, @Nullable String category,
        PublicationDate published, List<BodyBlock> body) {

    static StoryView of(Story story, ZoneId zone) {
        return new StoryView(story.slug(), story.headline(), blankToNull(story.area()), blankToNull(story.category()),
                PublicationDate.of(story.publishedAt(), zone), BodyBlock.of(story.body()));
    }

    static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
