package org.newsdesk.publishing;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings a deployment changes, under {@code newsdesk.publishing}.
 *
 * @param publicBaseUrl   where readers reach this service, e.g. {@code https://news.example.org}; story
 *                        URLs announced to other services are built from it, so it must be the public
 *                        address, not the one the service binds to
 * @param storeTimeout    how long the Kafka listener waits for MongoDB before it gives up and lets
 *                        the message be retried
 */
@ConfigurationProperties("newsdesk.publishing")
public record PublishingProperties(URI publicBaseUrl, Duration storeTimeout) {

    public PublishingProperties {
        publicBaseUrl = publicBaseUrl == null ? URI.create("http://localhost:8083") : publicBaseUrl;
        storeTimeout = storeTimeout == null ? Duration.ofSeconds(10) : storeTimeout;
        // Fail at startup rather than announce URLs no reader can open.
        if (!publicBaseUrl.isAbsolute()
                || publicBaseUrl.getHost() == null
                || !("http".equals(publicBaseUrl.getScheme()) || "https".equals(publicBaseUrl.getScheme()))) {
            throw new IllegalArgumentException(
                    "newsdesk.publishing.public-base-url must be an absolute http(s) URL, not '" + publicBaseUrl + "'");
        }
    }

    /** The absolute address of a story's page for readers. */
    public String storyUrl(String slug) {
        return url("/stories/" + slug);
    }

    /** The absolute address of a path of this service ({@code /areas/erewash}), as readers reach it. */
    public String url(String path) {
        String base = publicBaseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + path;
    }
}
