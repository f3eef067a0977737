package org.newsdesk.publishing.story;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.PublishingProperties;

/** @param next the cursor of the following page; {@code null} (and present) on the last page */
@Schema(
        name = "StoryPage",
        requiredProperties = {"items", "next"})
record StoriesJson(
        List<StoryJson> items,

        @Schema(
                description = "The cursor of the following page; null on the last page",
                nullable = true,
                types = {"string", "null"})
        @Nullable
        String next) {

    static StoriesJson of(StoryPage page, PublishingProperties properties) {
        return new StoriesJson(
                page.items().stream()
                        .map(story -> StoryJson.of(story, properties))
                        .toList(),
                page.next());
    }
}
