package org.newsdesk.publishing.page;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.PublishedPhoto;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryPage;
import org.newsdesk.publishing.story.StoryQuery;
import org.newsdesk.web.time.OutletTime;

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
            String heading, StoryPage page, boolean first, String firstHref, String emptyText, OutletTime time) {
        String next = page.next() == null
                ? null
                : firstHref + (firstHref.contains("?") ? "&" : "?") + "cursor=" + page.next();
        return new StoryListView(
                heading,
                page.items().stream().map(story -> Headline.of(story, time)).toList(),
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

    /**
     * What a list shows of a story: a link, when it was published, a line of its text, its area
     * and category as links, and its first photo small.
     *
     * @param thumbnail {@code null} for a story without photos
     */
    record Headline(
            String slug,
            String headline,
            String summary,
            @Nullable Section area,
            @Nullable Section category,
            OutletTime.Shown published,
            @Nullable Thumbnail thumbnail) {

        static Headline of(Story story, OutletTime time) {
            return new Headline(
                    story.slug(),
                    story.headline(),
                    PageMeta.summary(story.body()),
                    Section.of(story.area()),
                    Section.of(story.category()),
                    time.dateTime(story.publishedAt()),
                    story.photos().isEmpty()
                            ? null
                            : Thumbnail.of(story.photos().get(0), story.headline()));
        }
    }

    /**
     * A story's first photo beside its headline: the narrowest copy (320 pixels wide, or the
     * original when smaller), enough for a thumbnail of a few rems even on a sharp screen.
     * The list prints no caption, so the alt text is the photo's own description as on the story.
     */
    record Thumbnail(String src, int width, int height, String alt) {

        static Thumbnail of(PublishedPhoto photo, String headline) {
            PublishedPhoto.Variant small = photo.narrowest();
            return new Thumbnail("/photos/" + small.id(), small.width(), small.height(), photo.alt(headline));
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
