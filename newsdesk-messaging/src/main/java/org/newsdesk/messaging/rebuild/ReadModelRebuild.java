package org.newsdesk.messaging.rebuild;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A service's rebuild command (see {@link RebuildMode}): checks that the read model's collections
 * are empty, lets the service replay its topics into them, says what it did, and ends the process
 * unless {@code newsdesk.rebuild-exit=false} (tests run it inside their own JVM).
 */
public abstract class ReadModelRebuild implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoOperations mongo;
    private final ConfigurableApplicationContext context;

    protected ReadModelRebuild(ReactiveMongoOperations mongo, ConfigurableApplicationContext context) {
        this.mongo = mongo;
        this.context = context;
    }

    /** The collections the rebuild writes; they must be empty, or it would mix old and new. */
    protected abstract List<String> collections();

    /** Replays the topics into the collections; returns a line saying what was rebuilt. */
    protected abstract String rebuild();

    @Override
    public void run(ApplicationArguments args) {
        for (String collection : collections()) {
            Long count = mongo.count(new Query(), collection).block(CHECK_TIMEOUT);
            if (count != null && count > 0) {
                throw new IllegalStateException("Refusing to rebuild into " + collection + ", which holds " + count
                        + " document(s): point spring.mongodb.database (or the service's database variable) at an "
                        + "empty database, or drop the collection first");
            }
        }
        log.info("Rebuilding {} from the log", collections());
        long started = System.nanoTime();
        String summary = rebuild();
        log.info("Rebuilt in {} ms: {}", (System.nanoTime() - started) / 1_000_000, summary);
        if (context.getEnvironment().getProperty(RebuildMode.PROPERTY + "-exit", Boolean.class, true)) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
