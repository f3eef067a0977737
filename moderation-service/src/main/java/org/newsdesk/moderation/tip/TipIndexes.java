package org.newsdesk.moderation.tip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The indexes behind the queue (the outbox relay makes its own). They only make those queries fast, so a
 * failure to create them is logged rather than stopping the service.
 */
@Component
class TipIndexes implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TipIndexes.class);

    private final ReactiveMongoOperations mongo;

    TipIndexes(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        // One per filter, each ending in the queue's order, so a page is read from the index in
        // order and stops after its limit; the count of what waits is answered from the same index.
        Index queue = new Index()
                .on(ModeratedTips.STATE, Sort.Direction.ASC)
                .on(ModeratedTips.SUBMITTED_AT, Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC)
                .named("queue-by-age");
        Index byArea = new Index()
                .on(ModeratedTips.STATE, Sort.Direction.ASC)
                .on(ModeratedTips.AREA, Sort.Direction.ASC)
                .on(ModeratedTips.SUBMITTED_AT, Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC)
                .named("queue-by-area");
        Index byCategory = new Index()
                .on(ModeratedTips.STATE, Sort.Direction.ASC)
                .on(ModeratedTips.CATEGORY, Sort.Direction.ASC)
                .on(ModeratedTips.SUBMITTED_AT, Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC)
                .named("queue-by-category");
        Flux.just(queue, byArea, byCategory)
                .concatMap(index -> mongo.indexOps(ModeratedTip.class).createIndex(index))
                .doOnError(error -> log.warn("Could not create the indexes of the tips collection: {}", error.toString()))
                .onErrorComplete()
                // In the background: a MongoDB that is slow to come up must not hold up the start.
                .subscribe();
    }
}
