package org.newsdesk.messaging.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service's store is set up, under {@code newsdesk.store}.
 *
 * @param indexTimeout      longest the start waits for the store to make the declared indexes; a
 *                          store that takes longer gets them in the background
 * @param unreachableAfter  how long a command waits for a store it cannot reach before it fails
 *                          (the driver's server selection timeout, 30 s by default: a reader would
 *                          wait that long for an error); a {@code serverSelectionTimeoutMS} in the
 *                          connection string wins
 * @param watch             how the store's availability is watched; see {@link StoreWatch}
 */
@ConfigurationProperties("newsdesk.store")
public record StoreProperties(Duration indexTimeout, Duration unreachableAfter, Watch watch) {

    public StoreProperties {
        indexTimeout = indexTimeout == null ? Duration.ofSeconds(10) : indexTimeout;
        unreachableAfter = unreachableAfter == null ? Duration.ofMillis(1500) : unreachableAfter;
        watch = watch == null ? new Watch(null, null, 0) : watch;
    }

    /**
     * @param interval how often the store is asked whether it answers
     * @param timeout  how long an answer is waited for
     * @param misses   unanswered questions in a row before the service stops taking traffic; one
     *                 slow answer on a busy machine must not turn every reader away
     */
    public record Watch(Duration interval, Duration timeout, int misses) {

        public Watch {
            interval = interval == null ? Duration.ofSeconds(1) : interval;
            timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
            misses = misses <= 0 ? 2 : misses;
        }
    }
}
