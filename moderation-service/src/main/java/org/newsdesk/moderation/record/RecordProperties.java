package org.newsdesk.moderation.record;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the editorial record under {@code newsdesk.record}.
 *
 * @param resyncInterval how often each instance reads the whole record's order into memory again,
 *                       for lines another instance added; its own it learns at once
 */
@ConfigurationProperties("newsdesk.record")
public record RecordProperties(Duration resyncInterval) {

    public RecordProperties {
        resyncInterval = resyncInterval == null ? Duration.ofMinutes(2) : resyncInterval;
    }
}
