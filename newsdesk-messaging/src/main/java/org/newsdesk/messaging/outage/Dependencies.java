package org.newsdesk.messaging.outage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a service's listeners depend on, asked together. Answers are kept for a moment, so
 * a partition full of failing records does not ask once per record.
 */
public class Dependencies {

    private static final Logger log = LoggerFactory.getLogger(Dependencies.class);

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REMEMBERED = Duration.ofSeconds(1);

    private final List<DependencyProbe> probes;
    private final Clock clock;

    private Instant checkedAt = Instant.MIN;
    private String unavailable;

    public Dependencies(List<DependencyProbe> probes, Clock clock) {
        this.probes = List.copyOf(probes);
        this.clock = clock;
    }

    /** The first dependency that does not answer, or {@code null} when all of them do. */
    public synchronized String firstUnavailable() {
        Instant now = clock.instant();
        if (now.isBefore(checkedAt.plus(REMEMBERED))) {
            return unavailable;
        }
        String down = null;
        for (DependencyProbe probe : probes) {
            if (!probe.answers(PROBE_TIMEOUT)) {
                down = probe.name();
                break;
            }
        }
        if (down == null && unavailable != null) {
            log.info("{} answers again", unavailable);
        }
        unavailable = down;
        checkedAt = clock.instant();
        return down;
    }
}
