package org.newsdesk.messaging.store;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Makes every {@link StoreIndexes declared index} once all beans exist and before any starts:
 * before the web server listens, listener containers poll or the outbox relay sweeps. A store
 * that does not answer within the timeout does not stop the start (the service answers what it
 * can and its health says the store is down); the indexes are then made in the background as soon
 * as the store answers.
 */
final class StoreIndexCreator implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StoreIndexCreator.class);

    private static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    private final ReactiveMongoOperations mongo;
    private final List<StoreIndexes> declarations;
    private final Duration timeout;
    private volatile Disposable retrying;

    StoreIndexCreator(ReactiveMongoOperations mongo, List<StoreIndexes> declarations, Duration timeout) {
        this.mongo = mongo;
        this.declarations = declarations;
        this.timeout = timeout;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            createAll().block(timeout);
        } catch (RuntimeException notNow) {
            log.warn(
                    "Could not make the store's indexes at start ({}); trying again every {} s",
                    notNow.getClass().getSimpleName(),
                    RETRY_EVERY.toSeconds());
            retrying = createAll()
                    .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, RETRY_EVERY))
                    .subscribe(
                            done -> {},
                            failure -> log.error(
                                    "Gave up making the store's indexes: {}",
                                    failure.getClass().getName()),
                            () -> log.info("The store's indexes are in place"));
        }
    }

    private Mono<Void> createAll() {
        return Flux.fromIterable(declarations)
                .concatMapIterable(StoreIndexes::declared)
                .concatMap(declared -> mongo.indexOps(declared.collection()).createIndex(declared.index()))
                .then();
    }

    @Override
    public void destroy() {
        Disposable running = retrying;
        if (running != null) {
            running.dispose();
        }
    }
}
