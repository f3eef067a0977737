package org.newsdesk.messaging.store;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.index.IndexDefinition;

/**
 * The indexes a service's store needs, declared as a bean in one place per service (and by the
 * outbox for its own). {@link StoreIndexCreator} makes every declared index once, at start, before
 * the service takes a request or reads a topic: a unique index is part of what the store promises
 * (one tip per idempotency key, one story per address), so the service does not run without it.
 * Making an index that exists is a no-op, on MongoDB and on mongo-java-server alike.
 *
 * <p>Name every index: a name is what tells an operator, and MongoDB, which index is which.
 */
public final class StoreIndexes {

    private final List<Declared> declared = new ArrayList<>();

    private StoreIndexes() {}

    public static StoreIndexes declare() {
        return new StoreIndexes();
    }

    /** Indexes of one collection, by its name in this service's database. */
    public StoreIndexes on(String collection, IndexDefinition... indexes) {
        for (IndexDefinition index : indexes) {
            declared.add(new Declared(collection, index));
        }
        return this;
    }

    List<Declared> declared() {
        return List.copyOf(declared);
    }

    record Declared(String collection, IndexDefinition index) {}
}
