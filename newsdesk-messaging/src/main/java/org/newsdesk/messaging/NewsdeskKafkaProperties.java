package org.newsdesk.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings a deployment may change, under {@code newsdesk.kafka}.
 *
 * @param partitions        partitions of each topic this service declares; more partitions let
 *                          more instances of a consumer share the work
 * @param replicationFactor copies of each partition; 1 for a single broker, 3 in production
 * @param retry             how a message whose listener failed is retried
 */
@ConfigurationProperties("newsdesk.kafka")
public record NewsdeskKafkaProperties(Integer partitions, Short replicationFactor, Retry retry) {

    private static final int DEFAULT_PARTITIONS = 3;

    /**
     * A listener's {@code concurrency} for the topics whose records are worked on one at a time
     * and waited for (a tip joining the queue, a story written): a consumer for each partition, so
     * the records of different tips are stored side by side, while a tip's own records, which share
     * its partition, stay in order. One consumer took a tip after another and the queue fell
     * seconds behind at 50 tips/s.
     */
    public static final String CONSUMER_PER_PARTITION = "${newsdesk.kafka.partitions:" + DEFAULT_PARTITIONS + "}";

    public NewsdeskKafkaProperties {
        partitions = partitions == null ? DEFAULT_PARTITIONS : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        retry = retry == null ? new Retry(null, null, null, null) : retry;
    }

    /**
     * A message that can never be processed (not an event, or rejected with
     * {@link UnprocessableEventException}) goes to its dead-letter topic at once. A message whose
     * listener hit a bug is retried {@code attempts} times, then parked there too. A message whose
     * listener found MongoDB or Kafka unavailable is not the message's fault: it is retried until
     * the outage is over, however long that takes, and its partition waits for it, so the events
     * behind it keep their order.
     *
     * @param attempts             retries after the first failure, for failures that are not an outage
     * @param initialInterval      wait before the first retry; it doubles each time up to
     *                             {@code maxInterval}, or {@code transientMaxInterval} during an outage
     * @param maxInterval          longest wait between two of the bounded retries
     * @param transientMaxInterval longest pause of a listener container between two retries during
     *                             an outage: how late, at most, it notices that the outage is over.
     *                             The container pauses rather than sleeps, so it keeps its partitions
     *                             however long it waits
     */
    public record Retry(
            Integer attempts, Duration initialInterval, Duration maxInterval, Duration transientMaxInterval) {

        public Retry {
            attempts = attempts == null ? 3 : attempts;
            initialInterval = initialInterval == null ? Duration.ofMillis(200) : initialInterval;
            maxInterval = maxInterval == null ? Duration.ofSeconds(2) : maxInterval;
            transientMaxInterval = transientMaxInterval == null ? Duration.ofSeconds(5) : transientMaxInterval;
        }
    }
}
