package org.newsdesk.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with the two things a database must do and it does not: a query
 * that names a document's {@code _id} (or another unique key) reads that document and no other,
 * whatever else it asks; and a stored document is never shared between two threads (see
 * {@link StoreCollection}). The embedded run stores it in a file ({@link CommitBeforeReplyBackend});
 * the tests keep it in memory ({@link #inMemory()}), so both run the same engine.
 */
public class StoreBackend extends H2Backend {

    protected StoreBackend(MVStore store) {
        super(store);
    }

    /** A store that lives as long as the JVM, for tests. */
    public static StoreBackend inMemory() {
        return new StoreBackend(new MVStore.Builder().open());
    }

    /** Also called from H2Backend's constructor, for the databases already in the store: no field of this class is set then. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return StoreDatabase.open(databaseName, getMvStore(), getCursorRegistry());
    }
}
