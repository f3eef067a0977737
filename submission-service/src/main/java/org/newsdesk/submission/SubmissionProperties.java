package org.newsdesk.submission;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings a deployment may change, under {@code newsdesk.submission}.
 *
 * @param maxRequestSize largest request body accepted; a tip at every field's limit fits well
 *                       below the default, so anything bigger is not a tip
 * @param acceptTimeout  longest a resident waits for the store to acknowledge their tip before
 *                       hearing 503
 * @param retryAfter     what the {@code Retry-After} header of a 503 suggests
 * @param storeTimeout   longest a receipt write may take, after the tip is stored or in a
 *                       listener, before it counts as failed
 */
@ConfigurationProperties("newsdesk.submission")
public record SubmissionProperties(DataSize maxRequestSize, Duration acceptTimeout, Duration retryAfter,
        Duration storeTimeout) {

    public SubmissionProperties {
        maxRequestSize = maxRequestSize == null ? DataSize.ofKilobytes(64) : maxRequestSize;
        acceptTimeout = acceptTimeout == null ? Duration.ofMillis(1800) : acceptTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
        storeTimeout = storeTimeout == null ? Duration.ofSeconds(5) : storeTimeout;
    }
}
