package org.newsdesk.publishing.page;

import java.net.URI;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a deployment changes about the reader pages and feeds, under {@code newsdesk.publishing.pages}.
 *
 * @param siteName   the outlet's name, in the masthead and every page title
 * @param timeZone   where the outlet's readers live: a story approved at 23:30 UTC is dated the
 *                   next day in Auckland, and readers expect their own calendar
 * @param tipFormUrl where residents send a tip, linked from every page's footer; empty for no link
 */
@ConfigurationProperties("newsdesk.publishing.pages")
public record ReaderPagesProperties(
        String siteName, ZoneId timeZone, @Nullable String tipFormUrl) {

    public ReaderPagesProperties {
        siteName = siteName == null || siteName.isBlank() ? "Erewash Sound" : siteName.strip();
        timeZone = timeZone == null ? ZoneId.of("Europe/London") : timeZone;
        tipFormUrl = tipFormUrl == null || tipFormUrl.isBlank() ? null : tipFormUrl.strip();
        // Fail at startup rather than put a link on every page that goes nowhere (or somewhere odd).
        if (tipFormUrl != null && !isWebAddress(tipFormUrl)) {
            throw new IllegalArgumentException(
                    "newsdesk.publishing.pages.tip-form-url must be an absolute http(s) URL or empty, not '"
                            + tipFormUrl + "'");
        }
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
