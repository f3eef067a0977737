package org.newsdesk.publishing.page;

import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryPage;

/**
 * One page of the front page's list of stories, newest first.
 *
 * @param first whether this is the newest page, the one readers land on
 * @param next  the cursor of the link to older stories, or {@code null} when there are none
 */
record FrontPageView(List<Headline> stories, boolean first, @Nullable String next) {

    static FrontPageView of(StoryPage page, boolean first, ZoneId zone) {
        return new FrontPageView(page.items().stream().map(story -> Headline.of(story, zone)).toList(), first,
                page.next());
    }

    /** What the front page shows of a story: a link, its date and its area. */
    record Headline(String slug, String headline, @Nullable String area, PublicationDate published) {

        static Headline of(Story story, ZoneId zone) {
            return new Headline(story.slug(), story.headline(), StoryView.blankToNull(story.area()),
                    PublicationDate.of(story.publishedAt(), zone));
        }
    }
}
