package org.newsdesk.publishing.page;

import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryPage;
import org.newsdesk.publishing.story.StoryQuery;

/**
 * One page of a list of stories: the front page, an area, a category or a search.
 *
 * @param heading    the page's {@code <h1>}
 * @param first      whether this is the list's first page, the one readers land on
 * @param firstHref  the address of the list's first page, for the way back from older pages
 * @param nextHref   the address of the following page, or {@code null} when there is none
 * @param emptyText  what the page says when it lists nothing
 * @param firstLabel the text of the link to the first page
 * @param nextLabel  the text of the link to the following page
 */
record StoryListView(
        String heading,
        List<Headline> stories,
        boolean first,
        String firstHref,
        @Nullable String nextHref,
        String emptyText,
        String firstLabel,
        String nextLabel) {

    static StoryListView of(
            String heading, StoryPage page, boolean first, String firstHref, String emptyText, ZoneId zone) {
        String next = page.next() == null
                ? null
                : firstHref + (firstHref.contains("?") ? "&" : "?") + "cursor=" + page.next();
        return new StoryListView(
                heading,
                page.items().stream().map(story -> Headline.of(story, zone)).toList(),
                first,
                firstHref,
                next,
                emptyText,
                "Newest stories",
                "Older stories");
    }

    /** The same page, with other words on its links on (a search's pages are not by date). */
    StoryListView labelled(String firstLabel, String nextLabel) {
        return new StoryListView(heading, stories, first, firstHref, nextHref, emptyText, firstLabel, nextLabel);
    }

    /** What a list shows of a story: a link, its date, a line of its text, its area and category as links. */
    record Headline(
            String slug,
            String headline,
            String summary,
            @Nullable Section area,
            @Nullable Section category,
            PublicationDate published) {

        static Headline of(Story story, ZoneId zone) {
            return new Headline(
                    story.slug(),
                    story.headline(),
                    PageMeta.summary(story.body()),
                    Section.of(story.area()),
                    Section.of(story.category()),
                    PublicationDate.of(story.publishedAt(), zone));
        }
    }

    /** An area or a category: its name as written, and the key its page is at. */
    record Section(String name, String key) {

        static @Nullable Section of(@Nullable String name) {
            String key = StoryQuery.key(name);
            return key.isEmpty() ? null : new Section(name.strip(), key);
        }
    }
}
