package org.newsdesk.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An index kept in a map of the store's own, which a store made before it may not have yet: then
 * it is built once by reading its collection, into a map under a provisional name that it takes
 * its own name from only once full. A process killed halfway leaves the provisional map, which the
 * next start throws away and builds again, never an index that misses documents.
 */
interface StoredIndex {

    String BUILDING = "._building";

    /** The index's map, under its own name or, until it is built, the provisional one. */
    MVMap<?, ?> entries();

    /** Whether its map holds it already, or it must be built once by reading its collection. */
    default boolean isBuilt() {
        return !entries().getName().endsWith(BUILDING);
    }

    /**
     * Its map, full now, takes its own name. While the store opens (no command runs then) this also
     * commits, so that building one large index after another never holds them all in memory.
     */
    default void finishBuild(boolean commit) {
        MVMap<?, ?> entries = entries();
        String name = entries.getName();
        entries.getStore().renameMap(entries, name.substring(0, name.length() - BUILDING.length()));
        if (commit) {
            entries.getStore().commit();
        }
    }

    /** The map named so, or, where the store has none yet, an empty one under the provisional name. */
    static <K> MVMap<K, Object> open(MVStore store, String name, MVMap.Builder<K, Object> type) {
        if (store.hasMap(name)) {
            return store.openMap(name, type);
        }
        if (store.hasMap(name + BUILDING)) {
            store.removeMap(name + BUILDING);
        }
        return store.openMap(name + BUILDING, type);
    }
}
