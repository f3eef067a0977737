package org.newsdesk.publishing.page;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.PublishedPhoto;
import org.newsdesk.publishing.story.Story;

/**
 * A story as its page shows it. The text is still exactly what the moderator approved: escaping
 * it is the template's job, and doing it here too would print {@code &amp;amp;}.
 *
 * @param area     {@code null} rather than blank, so the template has one test for "none"
 * @param category likewise
 */
record StoryView(
        String slug,
        String headline,
        StoryListView.@Nullable Section area,
        StoryListView.@Nullable Section category,
        PublicationDate published,
        @Nullable PublicationDate updated,
        List<BodyBlock> body,
        List<Photo> photos) {

    /**
     * A photo as the page shows it: the copy for a phone-to-column-wide screen in {@code src}, and
     * every copy in {@code srcset} so the browser takes the one that fits its screen.
     */
    record Photo(
            String src,
            String srcset,
            int width,
            int height,
            String alt,
            @Nullable String caption) {

        static Photo of(PublishedPhoto photo, String headline) {
            PublishedPhoto.Variant shown = photo.upTo(1024);
            String srcset = photo.variants().stream()
                    .map(variant -> "/photos/" + variant.id() + " " + variant.width() + "w")
                    .collect(Collectors.joining(", "));
            return new Photo(
                    "/photos/" + shown.id(),
                    srcset,
                    shown.width(),
                    shown.height(),
                    photo.alt(headline),
                    photo.caption() == null || photo.caption().isBlank()
                            ? null
                            : photo.caption().strip());
        }
    }

    static StoryView of(Story story, ZoneId zone) {
        PublicationDate updated = story.lastModified().isAfter(story.publishedAt())
                ? PublicationDate.of(story.lastModified(), zone)
                : null;
        return new StoryView(
                story.slug(),
                story.headline(),
                StoryListView.Section.of(story.area()),
                StoryListView.Section.of(story.category()),
                PublicationDate.of(story.publishedAt(), zone),
                updated,
                BodyBlock.of(story.body()),
                story.photos().stream()
                        .map(photo -> Photo.of(photo, story.headline()))
                        .toList());
    }
}
