package org.newsdesk.publishing.story;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.PublishingProperties;

/**
 * A story as the API sends it. Stories travel as JSON strings, exactly as the moderator approved
 * them: escaping for HTML is the job of whoever renders HTML.
 *
 * @param url         the story's page for readers
 * @param areaKey     the area as in {@code /areas/{area}} and the {@code area} parameter; null without an area
 * @param categoryKey likewise for the category
 */
@Schema(
        name = "Story",
        requiredProperties = {
            "id",
            "slug",
            "headline",
            "body",
            "publishedAt",
            "url",
            "updatedAt",
            "photos",
            "corrections"
        })
record StoryJson(
        String id,
        String slug,
        String headline,
        String body,

        @Schema(
                types = {"string", "null"},
                description = "The area, as the newsroom wrote it")
        @Nullable
        String area,

        @Schema(
                types = {"string", "null"},
                description = "The category, as the newsroom wrote it")
        @Nullable
        String category,

        Instant publishedAt,

        @Schema(description = "The story's page for readers", format = "uri")
        String url,

        @Schema(
                types = {"string", "null"},
                description = "The area's key, as in /areas/{area}")
        @Nullable
        String areaKey,

        @Schema(
                types = {"string", "null"},
                description = "The category's key, as in /categories/{category}")
        @Nullable
        String categoryKey,

        @Schema(description = "When the story's text last changed: publication or its latest correction")
        Instant updatedAt,

        @Schema(description = "The photos published with the story, in order")
        List<PhotoJson> photos,

        @Schema(
                description = "Every public correction of the story, oldest first: when it was made and the "
                        + "newsroom's note. The headline and body above are the corrected text.")
        List<CorrectionJson> corrections) {

    static StoryJson of(Story story, PublishingProperties properties) {
        return new StoryJson(
                story.id(),
                story.slug(),
                story.headline(),
                story.body(),
                story.area(),
                story.category(),
                story.publishedAt(),
                properties.storyUrl(story.slug()),
                emptyToNull(StoryQuery.key(story.area())),
                emptyToNull(StoryQuery.key(story.category())),
                story.lastModified(),
                story.photos().stream()
                        .map(photo -> PhotoJson.of(photo, story.headline(), properties))
                        .toList(),
                story.correctionsInOrder().stream()
                        .map(correction -> new CorrectionJson(correction.at(), correction.note()))
                        .toList());
    }

    /** A public correction: when, and the newsroom's note. */
    @Schema(
            name = "Correction",
            requiredProperties = {"at", "note"})
    record CorrectionJson(
            @Schema(description = "When the newsroom corrected the story")
            Instant at,

            @Schema(description = "What was corrected, as readers are told")
            String note) {}

    private static @Nullable String emptyToNull(String key) {
        return key.isEmpty() ? null : key;
    }

    /**
     * A published photo: the copy to show by default and every size there is, for {@code srcset}.
     *
     * @param alt    what to say instead of the photo: the moderator's description; for photos
     *               published before moderators gave one, the caption, or else the headline
     * @param credit who took the photo; null when it is credited to a reader
     */
    @Schema(
            name = "Photo",
            requiredProperties = {"url", "width", "height", "alt", "sizes", "credit"})
    record PhotoJson(
            String url,
            int width,
            int height,

            @Schema(
                    description = "The text to give instead of the photo (an image's alt text): the newsroom's "
                            + "description of what it shows; for photos published before it wrote one, the "
                            + "caption, or else the headline")
            String alt,

            @Schema(types = {"string", "null"}) @Nullable String caption,
            List<PhotoSizeJson> sizes,

            @Schema(
                    types = {"string", "null"},
                    description = "Who took the photo, to print beside it (\"Photo: ...\"); null when it is "
                            + "credited to a reader")
            @Nullable
            String credit) {

        static PhotoJson of(PublishedPhoto photo, String headline, PublishingProperties properties) {
            PublishedPhoto.Variant shown = photo.upTo(1024);
            return new PhotoJson(
                    properties.url("/photos/" + shown.id()),
                    shown.width(),
                    shown.height(),
                    photo.alt(headline),
                    photo.caption(),
                    photo.variants().stream()
                            .map(variant -> new PhotoSizeJson(
                                    properties.url("/photos/" + variant.id()), variant.width(), variant.height()))
                            .toList(),
                    photo.credit());
        }
    }

    @Schema(
            name = "PhotoSize",
            requiredProperties = {"url", "width", "height"})
    record PhotoSizeJson(String url, int width, int height) {}
}
