package org.newsdesk.publishing.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.Story;
import tools.jackson.databind.json.JsonMapper;

/**
 * The story as schema.org's {@code NewsArticle}, for search engines and news aggregators: its
 * dates ({@code dateModified} moves with every correction), every public correction as a
 * {@code CorrectionComment}, and how it came to us as its {@code backstory} (the Trust Project's
 * "methods"). Never who sent the tip, nor who corrected it.
 */
final class StoryJsonLd {

    private StoryJsonLd() {}

    static Map<String, Object> of(
            Story story, StoryView view, String url, String siteName, PageMeta.@Nullable Image image) {
        Map<String, Object> publisher = new LinkedHashMap<>();
        publisher.put("@type", "NewsMediaOrganization");
        publisher.put("name", siteName);
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("@context", "https://schema.org");
        article.put("@type", "NewsArticle");
        article.put("headline", story.headline());
        article.put("url", url);
        article.put("mainEntityOfPage", url);
        article.put("datePublished", story.publishedAt().toString());
        article.put("dateModified", story.lastModified().toString());
        article.put("author", publisher);
        article.put("publisher", publisher);
        if (view.area() != null) {
            article.put(
                    "contentLocation",
                    Map.of("@type", "Place", "name", view.area().name()));
        }
        if (view.category() != null) {
            article.put("articleSection", view.category().name());
        }
        if (image != null) {
            article.put("image", image.url());
        }
        article.put("backstory", view.backstory());
        List<Map<String, Object>> corrections = new ArrayList<>();
        for (Story.Correction correction : story.correctionsInOrder()) {
            Map<String, Object> comment = new LinkedHashMap<>();
            comment.put("@type", "CorrectionComment");
            comment.put("text", correction.note().strip());
            comment.put("datePublished", correction.at().toString());
            corrections.add(comment);
        }
        if (!corrections.isEmpty()) {
            article.put("correction", corrections);
        }
        return article;
    }

    /**
     * JSON that is safe as the text of a {@code <script>} data block whatever a resident wrote:
     * {@code <}, {@code >} and {@code &} are written as JSON escapes, so nothing in it can close
     * the element or open a comment, and the line separators JavaScript once refused are escaped too.
     */
    static String write(Object data, JsonMapper json) {
        return json.writeValueAsString(data)
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }
}
