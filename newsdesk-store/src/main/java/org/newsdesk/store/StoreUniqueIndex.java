package org.newsdesk.store;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * A unique index in a map ordered by {@link KeyValueOrder}: what mongo-java-server's H2 unique
 * index does, on a map whose look-ups compare values instead of serializing them.
 */
final class StoreUniqueIndex extends AbstractUniqueIndex<Object> implements StoredIndex {

    private final MVMap<KeyValue, Object> entries;

    /** @param entries opened by {@link StoredIndex#open} */
    StoreUniqueIndex(String name, List<IndexKey> keys, boolean sparse, MVMap<KeyValue, Object> entries) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    @Override
    public MVMap<KeyValue, Object> entries() {
        return entries;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return entries.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return entries.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return entries.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return entries.get(key);
    }

    /** Whether every document of the collection has an entry: not sparse. */
    boolean holdsEveryDocument() {
        return !isSparse();
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    /** Its entries go with it: a collection made again under the same name starts from an empty index. */
    @Override
    public void drop() {
        super.drop();
        entries.clear();
    }
}
