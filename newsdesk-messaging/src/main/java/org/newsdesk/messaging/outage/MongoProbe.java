package org.newsdesk.messaging.outage;

import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Duration;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * MongoDB answers when it answers {@code ping}, which mongo-java-server and MongoDB both know
 * (unlike {@code hello}, which Spring Boot's own health check sends).
 */
public class MongoProbe implements DependencyProbe {

    private final MongoClient mongo;

    MongoProbe(MongoClient mongo) {
        this.mongo = mongo;
    }

    /** The one question every Newsdesk check asks MongoDB: the health indicator's and this probe's. */
    public static Mono<Document> ping(MongoClient mongo) {
        return Mono.from(mongo.getDatabase("admin").runCommand(new Document("ping", 1)));
    }

    @Override
    public String name() {
        return "MongoDB";
    }

    @Override
    public boolean answers(Duration timeout) {
        try {
            return ping(mongo)
                    .timeout(timeout)
                    .map(answer -> true)
                    .onErrorReturn(false)
                    .blockOptional(timeout.plusSeconds(1))
                    .orElse(false);
        } catch (RuntimeException unavailable) {
            return false;
        }
    }
}
