package org.newsdesk.moderation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the moderation service under {@code newsdesk.moderation}.
 *
 * @param queue  how much of the queue one request shows
 * @param outbox when decisions whose announcement Kafka never acknowledged are sent again
 */
@ConfigurationProperties("newsdesk.moderation")
public record ModerationProperties(Queue queue, Outbox outbox) {

    public ModerationProperties {
        queue = queue == null ? new Queue(null) : queue;
        outbox = outbox == null ? new Outbox(null, null, null) : outbox;
    }

    /**
     * @param maxItems the longest-waiting tips shown at once; a bound so that a flood of tips
     *                 cannot make one request load the whole collection
     */
    public record Queue(Integer maxItems) {

        public Queue {
            maxItems = maxItems == null ? 500 : maxItems;
        }
    }

    /**
     * @param relayInterval pause between two runs of the relay
     * @param gracePeriod   how long after a decision the relay leaves its announcement to the
     *                      request that made it, so that a healthy send is not doubled
     * @param batchSize     decisions re-sent per run at most
     */
    public record Outbox(Duration relayInterval, Duration gracePeriod, Integer batchSize) {

        public Outbox {
            relayInterval = relayInterval == null ? Duration.ofSeconds(5) : relayInterval;
            gracePeriod = gracePeriod == null ? Duration.ofSeconds(10) : gracePeriod;
            batchSize = batchSize == null ? 100 : batchSize;
        }
    }
}
