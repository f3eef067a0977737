package org.newsdesk.messaging.outage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * One outage, a few log lines, however many attempts it fails: a WARN when it starts, a WARN with
 * the count at most every {@code every} while it lasts, an INFO with its length and count when it
 * ends. A person on call reads when and how long; the attempts themselves are at DEBUG.
 */
public final class OutageLog {

    private final Logger log;
    private final String what;
    private final Duration every;
    private final Clock clock;

    /** When the outage began; read without the lock by {@link #succeeded}, which every sent event calls. */
    private volatile Instant since;

    private Instant toldAt;
    private long failures;

    /** @param what what fails during the outage, as the lines name it: "Sending the outbox's events" */
    public OutageLog(Logger log, String what, Duration every, Clock clock) {
        this.log = log;
        this.what = what;
        this.every = every;
        this.clock = clock;
    }

    /** An attempt failed the way an outage looks; {@code detail} names the failure, never a record's content. */
    public synchronized void failed(String detail) {
        Instant now = clock.instant();
        failures++;
        if (since == null) {
            since = now;
            toldAt = now;
            log.warn("{} fails: Kafka or MongoDB does not answer ({}); retrying until it does", what, detail);
        } else if (!now.isBefore(toldAt.plus(every))) {
            toldAt = now;
            log.warn(
                    "{} still fails after {} s: {} attempts so far ({})",
                    what,
                    Duration.between(since, now).toSeconds(),
                    failures,
                    detail);
        } else {
            log.debug("{} failed again ({})", what, detail);
        }
    }

    /** An attempt went through: ends the outage, if there was one. Lock-free while there is none. */
    public void succeeded() {
        if (since == null) {
            return;
        }
        synchronized (this) {
            endOutage();
        }
    }

    private void endOutage() {
        if (since == null) {
            return;
        }
        log.info(
                "{} works again after {} s; {} attempts had failed meanwhile, and are retried",
                what,
                Duration.between(since, clock.instant()).toSeconds(),
                failures);
        since = null;
        failures = 0;
    }
}
