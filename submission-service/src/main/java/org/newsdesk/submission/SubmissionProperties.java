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
 * @param tipRateLimit   tips one client may send per hour, through the form and the API together,
 *                       in one instance; {@code 0} for no limit
 * @param receiptGuesses receipt codes one client may look up and not find, per hour, before every
 *                       lookup waits; {@code 0} for no limit. Codes are far too many to guess: this
 *                       keeps guessers from costing the service anything
 */
@ConfigurationProperties("newsdesk.submission")
public record SubmissionProperties(
        DataSize maxRequestSize,
        Duration acceptTimeout,
        Duration retryAfter,
        Duration storeTimeout,
        Integer tipRateLimit,
        Integer receiptGuesses) {

    public SubmissionProperties {
        maxRequestSize = maxRequestSize == null ? DataSize.ofKilobytes(64) : maxRequestSize;
        acceptTimeout = acceptTimeout == null ? Duration.ofMillis(1800) : acceptTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
        storeTimeout = storeTimeout == null ? Duration.ofSeconds(5) : storeTimeout;
        tipRateLimit = tipRateLimit == null ? 20 : tipRateLimit;
        receiptGuesses = receiptGuesses == null ? 30 : receiptGuesses;
    }
}
