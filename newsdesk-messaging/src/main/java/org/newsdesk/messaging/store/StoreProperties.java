package org.newsdesk.messaging.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service's store is set up, under {@code newsdesk.store}.
 *
 * @param indexTimeout longest the start waits for the store to make the declared indexes; a store
 *                     that takes longer gets them in the background
 */
@ConfigurationProperties("newsdesk.store")
public record StoreProperties(Duration indexTimeout) {

    public StoreProperties {
        indexTimeout = indexTimeout == null ? Duration.ofSeconds(10) : indexTimeout;
    }
}
