package org.newsdesk.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;
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

    /** Whether this thread is opening a database already in the store: its indexes are reopened, not made. */
    static boolean isOpening() {
        return OPENING.get() != null;
    }

    /**
     * A unique index, in a map ordered by its values ({@link KeyValueOrder}) under a name of its
     * own. A store written before has the index in mongo-java-server's map, ordered by the keys'
     * serialization, which this order cannot read: that map is dropped and the index built once
     * from the documents, the first time the store opens with this class.
     */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        MVStore opened = store != null ? store : OPENING.get();
        MVMap<KeyValue, Object> entries = StoredIndex.open(
                opened,
                uniqueMapName(collectionName, indexName),
                new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueOrder()));
        String serializationOrdered = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        if (opened.hasMap(serializationOrdered)) {
            opened.removeMap(serializationOrdered);
        }
        return new StoreUniqueIndex(indexName, keys, sparse, entries);
    }

    /** The maps of this store's own indexes go with them (mongo-java-server removes only its own). */
    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        for (String mapName : List.of(
                uniqueMapName(collection.getCollectionName(), indexName),
                leadingMapName(collection.getCollectionName(), indexName))) {
            if (store.hasMap(mapName)) {
                store.removeMap(mapName);
            }
        }
    }

    private String uniqueMapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._unique_" + indexName;
    }

    /**
     * An index that is not unique, kept on its leading field ({@link LeadingFieldIndex}) where
     * mongo-java-server keeps nothing, in a map named after it.
     */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        MVStore opened = store != null ? store : OPENING.get();
        MVMap<String, Object> entries =
                StoredIndex.open(opened, leadingMapName(collectionName, indexName), new MVMap.Builder<>());
        return new LeadingFieldIndex(indexName, keys, sparse, entries);
    }

    private String leadingMapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._leading_" + indexName;
    }

    /** A count through the indexes rather than the pipeline that reads the collection ({@link CountPipeline}). */
    @Override
    public Document handleCommand(
            Channel channel, String command, Document query, DatabaseResolver databaseResolver, Oplog oplog) {
        if ("aggregate".equalsIgnoreCase(command) && query.get("aggregate") instanceof String collectionName) {
            CountPipeline count = CountPipeline.of(query.get("pipeline"));
            MongoCollection<Object> collection = count == null ? null : resolveCollection(collectionName, false);
            if (collection != null) {
                return CountPipeline.answer(
                        collection.getFullName(), collection.count(count.filter(), count.skip(), count.limit()));
            }
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
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
