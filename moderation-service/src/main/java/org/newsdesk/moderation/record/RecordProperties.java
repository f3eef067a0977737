package org.newsdesk.moderation.record;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the editorial record under {@code newsdesk.record}.
 *
 * @param timeZone       the outlet's zone: the record shows its times in it and reads its date
 *                       filters in it (a day is the outlet's day); Europe/London when not set
 * @param resyncInterval how often each instance reads the whole record's order into memory again,
 *                       for lines another instance added; its own it learns at once
 */
@ConfigurationProperties("newsdesk.record")
public record RecordProperties(String timeZone, Duration resyncInterval) {

    public RecordProperties {
        // A string, not a ZoneId: an environment variable that is not set arrives empty, which no ZoneId reads.
        timeZone = timeZone == null || timeZone.isBlank()
                ? "Europe/London"
                : ZoneId.of(timeZone.strip()).getId();
        resyncInterval = resyncInterval == null ? Duration.ofMinutes(2) : resyncInterval;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
