package org.newsdesk.publishing.page;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.newsdesk.web.OutletChoices;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a deployment changes about the reader pages and feeds, under {@code newsdesk.publishing.pages}.
 * Times are shown in the outlet's zone through the shared {@code OutletTime} ({@code newsdesk.web.time-zone}).
 *
 * @param siteName     the outlet's name, in the masthead and every page title
 * @param tipFormUrl   where residents send a tip, linked from every page's header, every story's end
 *                     and the footer; empty for no link
 * @param areas        the places the outlet covers, the same list the tip form offers
 *                     ({@code NEWSDESK_AREAS}): every page links to each one's page
 * @param categories   what stories are about, the same list the tip form offers
 *                     ({@code NEWSDESK_CATEGORIES}): every page links to each one's page
 * @param contactEmail where developers who use the API write to, in its OpenAPI description;
 *                     empty for none (the description then names the outlet and its front page)
 */
@ConfigurationProperties("newsdesk.publishing.pages")
public record ReaderPagesProperties(
        String siteName,
        @Nullable String tipFormUrl,
        List<String> areas,
        List<String> categories,
        @Nullable String contactEmail) {

    public ReaderPagesProperties {
        siteName = siteName == null || siteName.isBlank() ? "Erewash Sound" : siteName.strip();
        tipFormUrl = tipFormUrl == null || tipFormUrl.isBlank() ? null : tipFormUrl.strip();
        // Fail at startup rather than put a link on every page that goes nowhere (or somewhere odd).
        if (tipFormUrl != null && !isWebAddress(tipFormUrl)) {
            throw new IllegalArgumentException(
                    "newsdesk.publishing.pages.tip-form-url must be an absolute http(s) URL or empty, not '"
                            + tipFormUrl + "'");
        }
        // The same defaults as the tip form's: readers find what residents chose.
        areas = filledOr(areas, OutletChoices.DEFAULT_AREAS);
        categories = filledOr(categories, OutletChoices.DEFAULT_CATEGORIES);
        contactEmail = contactEmail == null || contactEmail.isBlank() ? null : contactEmail.strip();
    }

    /** The configured areas with the keys their pages are at, for every page's navigation. */
    public List<StoryListView.Section> areaSections() {
        return sections(areas);
    }

    /** The configured categories with the keys their pages are at, for every page's navigation. */
    public List<StoryListView.Section> categorySections() {
        return sections(categories);
    }

    private static List<StoryListView.Section> sections(List<String> names) {
        return names.stream()
                .map(StoryListView.Section::of)
                .filter(Objects::nonNull)
                .toList();
    }

    /** A list left unset comes through as nothing or as one empty item: the defaults then. */
    private static List<String> filledOr(List<String> items, List<String> defaults) {
        List<String> filled = items == null
                ? List.of()
                : items.stream()
                        .filter(item -> item != null && !item.isBlank())
                        .map(String::strip)
                        .toList();
        return filled.isEmpty() ? defaults : filled;
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute()
                    && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }
}
