package org.newsdesk.messaging.outbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Shows the outbox in {@code /actuator/health}: records with parked entries and records waiting
 * for a retry. Parked entries do not make the service DOWN (it works, and sends everything else);
 * they are there for a person to look at.
 */
class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxRelay relay;
    private final OutboxMetrics metrics;

    OutboxHealthIndicator(OutboxRelay relay, OutboxMetrics metrics) {
        this.relay = relay;
        this.metrics = metrics;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("parkedRecords", metrics.parkedRecords())
                .withDetail("waitingForRetry", relay.waitingForRetry())
                .build();
    }
}
