package org.newsdesk.messaging.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the outbox relay sends, retries and gives up, under {@code newsdesk.outbox}.
 *
 * @param collection    the collection of this service's records that carry an outbox (each
 *                      service has one); the {@link Outbox} bean writes to it
 * @param enabled       whether this instance sends at all; off only while a service rebuilds its
 *                      read model, whose events are in the log already
 * @param sendTimeout   how long one send may wait for Kafka's acknowledgement
 * @param maxAttempts   sends of one entry that may fail for a reason other than an outage before
 *                      the entry is parked; an outage (Kafka or MongoDB unreachable) never counts
 * @param initialBackoff wait after an entry's first failed send; it doubles with every further
 *                      failure, up to {@code maxBackoff}
 * @param maxBackoff    longest wait between two sends of one entry
 * @param outageRetry   wait before a record whose send met an outage is tried again
 * @param lease         how long one instance holds a record while it sends the record's events;
 *                      longer than a send can take, so that two instances do not both send
 * @param sweepInterval how often the relay looks through every outbox for events nobody is
 *                      sending (after a crash, or another instance's). It reads every record with
 *                      waiting events (the sparse index finds them). It also runs once at start-up,
 *                      and whenever partitions move to this instance, as they do when another
 *                      instance dies ({@link SweepWhenPartitionsMove})
 * @param tick          how often the relay checks whether a retry or a sweep is due
 * @param batchSize     records read per page while sweeping
 * @param handBackWait  at a shutdown, longest wait for the sends under way, and then for the
 *                      leases this instance holds to be handed back
 */
@ConfigurationProperties("newsdesk.outbox")
public record OutboxProperties(
        String collection,
        Boolean enabled,
        Duration sendTimeout,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration outageRetry,
        Duration lease,
        Duration sweepInterval,
        Duration tick,
        Integer batchSize,
        Duration handBackWait) {

    public OutboxProperties {
        enabled = enabled == null || enabled;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        outageRetry = outageRetry == null ? Duration.ofSeconds(2) : outageRetry;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        handBackWait = handBackWait == null ? Duration.ofSeconds(5) : handBackWait;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(5) : sweepInterval;
        tick = tick == null ? Duration.ofMillis(500) : tick;
        batchSize = batchSize == null ? 200 : batchSize;
    }

    /** The wait before the next send of an entry that has failed {@code attempts} times. */
    Duration backoffAfter(int attempts) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < attempts && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) < 0 ? backoff : maxBackoff;
    }
}
