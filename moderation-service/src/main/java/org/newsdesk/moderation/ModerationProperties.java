package org.newsdesk.moderation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the moderation service under {@code newsdesk.moderation}.
 *
 * @param queue how much of the queue one request shows
 */
@ConfigurationProperties("newsdesk.moderation")
public record ModerationProperties(Queue queue) {

    public ModerationProperties {
        queue = queue == null ? new Queue(null) : queue;
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
}
