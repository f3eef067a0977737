package org.newsdesk.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the unique indexes' maps: H2's own {@link ObjectDataType}, so keys are written
 * and read as mongo-java-server's H2 backend writes them, but ordered by their values.
 *
 * <p>{@code ObjectDataType} orders a key it has no type for, such as mongo-java-server's
 * {@link KeyValue}, by its Java serialization: every comparison serialized both keys, some
 * seventeen comparisons per look-up in an index of 100,000 entries. Profiled under 60 tips/s, that
 * was a quarter of the store's CPU, for every look-up by {@code _id} and every insert, and it grew
 * with the archive. Here a key's values are compared directly: by their own order where it agrees
 * with their equality (text, numbers of one type, times, ids), by their class's name between
 * values of different classes, and by their serialization, as before, for anything else (a
 * document as a key). Two keys are still equal exactly when their values are.
 *
 * <p>The order differs from the old one, so an index map written in the old order is never read
 * with this type: {@link StoreDatabase} keeps these maps under names of their own and builds them
 * once from the documents.
 */
final class KeyValueOrder extends ObjectDataType {

    /** Classes whose {@code compareTo} is zero exactly when {@code equals} is true. */
    private static final Set<Class<?>> NATURALLY_ORDERED = Set.of(
            String.class,
            Integer.class,
            Long.class,
            Double.class,
            Boolean.class,
            Date.class,
            Instant.class,
            UUID.class,
            ObjectId.class);

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            return compareKeys(left, right);
        }
        return super.compare(a, b);
    }

    private static int compareKeys(KeyValue left, KeyValue right) {
        int size = Integer.compare(left.size(), right.size());
        if (size != 0) {
            return size;
        }
        for (int i = 0; i < left.size(); i++) {
            int order = compareValues(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object left, Object right) {
        if (left == right) {
            return 0;
        }
        if (left == null || right == null) {
            return left == null ? -1 : 1;
        }
        if (left.getClass() != right.getClass()) {
            return left.getClass().getName().compareTo(right.getClass().getName());
        }
        if (NATURALLY_ORDERED.contains(left.getClass())) {
            return ((Comparable) left).compareTo(right);
        }
        return compareNotNull(serialize(left), serialize(right));
    }
}
