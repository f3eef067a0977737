package org.newsdesk.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** H2's database, whose collections are {@link StoreCollection}s, kept in the same maps H2's own would use. */
final class StoreDatabase extends H2Database {

    /**
     * H2Database opens the collections already in the store from its constructor, before a field
     * of this class is set; the store reaches {@link #openOrCreateCollection} through here then.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;

    private StoreDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
    }

    static StoreDatabase open(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        OPENING.set(store);
        try {
            return new StoreDatabase(databaseName, store, cursorRegistry);
        } finally {
            OPENING.remove();
        }
    }

    /** The same map names as H2Database's own, so a store file written by either opens in the other. */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore opened = store != null ? store : OPENING.get();
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> documents = opened.openMap("databases." + namespace);
        MVMap<String, Object> metadata = opened.openMap("meta." + namespace);
        return new StoreCollection(this, collectionName, options, documents, metadata, cursorRegistry);
    }
}
