package org.newsdesk.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings a deployment may change, under {@code newsdesk.kafka}.
 *
 * @param partitions        partitions of each topic this service declares; more partitions let
 *                          more instances of a consumer share the work
 * @param replicationFactor copies of each partition; 1 for a single broker, 3 in production
 * @param retry             how often a failing message is retried before it goes to its dead-letter topic
 */
@ConfigurationProperties("newsdesk.kafka")
public record NewsdeskKafkaProperties(Integer partitions, Short replicationFactor, Retry retry) {

    public NewsdeskKafkaProperties {
        partitions = partitions == null ? 3 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        retry = retry == null ? new Retry(null, null, null) : retry;
    }

    /**
     * @param attempts        retries after the first failure
     * @param initialInterval wait before the first retry; it doubles each time up to {@code maxInterval}
     */
    public record Retry(Integer attempts, Duration initialInterval, Duration maxInterval) {

        public Retry {
            attempts = attempts == null ? 3 : attempts;
            initialInterval = initialInterval == null ? Duration.ofMillis(200) : initialInterval;
            maxInterval = maxInterval == null ? Duration.ofSeconds(2) : maxInterval;
        }
    }
}
