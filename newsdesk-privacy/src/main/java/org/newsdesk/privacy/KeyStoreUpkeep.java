package org.newsdesk.privacy;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * What the key store's owner does once at start, in the background: makes the store's index and,
 * after a master key rotation, re-wraps the data keys the previous key wrapped. Retried until the
 * store answers; a crash in the middle leaves keys that the next start finds and finishes.
 */
final class KeyStoreUpkeep implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KeyStoreUpkeep.class);

    private final ContactVault vault;
    private volatile Disposable running;

    KeyStoreUpkeep(ContactVault vault) {
        this.vault = vault;
    }

    @Override
    public void afterSingletonsInstantiated() {
        running = vault.makeIndexes()
                .then(vault.rewrapUnderCurrentKey())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1)))
                .subscribe(
                        rewrapped -> {},
                        failure -> log.error(
                                "Gave up looking after the key store: {}",
                                failure.getClass().getName()));
    }

    @Override
    public void destroy() {
        Disposable upkeep = running;
        if (upkeep != null) {
            upkeep.dispose();
        }
    }
}
