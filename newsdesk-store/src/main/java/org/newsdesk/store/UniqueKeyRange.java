package org.newsdesk.store;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A query answered in the order of a unique index, as MongoDB answers {@code {_id: {$gt: n}}}
 * sorted by {@code _id} with a limit: by reading the index from the bound on and stopping after
 * the documents asked for. mongo-java-server reads and sorts the whole collection for it; a
 * log of changes that moderators' screens follow ({@code _id} a sequence number) was read whole
 * several times a second, and {@code {}} sorted by {@code _id} descending with a limit of one (the
 * newest entry) as well.
 *
 * <p>Taken only where the index's order is MongoDB's: one field, not sparse (every document is
 * in it), and every key of one type whose Java order is its BSON order (numbers, which
 * mongo-java-server keeps as doubles unless too large for one, and dates). The index's first and
 * last keys tell: {@link KeyValueOrder} orders keys of different types by their class, so the
 * keys between two of one type are of that type too. Anything else is left to mongo-java-server.
 */
final class UniqueKeyRange {

    private static final Set<Class<?>> ORDERED_AS_IN_BSON = Set.of(Double.class, Long.class, Date.class, Instant.class);
    private static final Set<String> BOUNDS = Set.of("$gt", "$gte", "$lt", "$lte");

    private final MVMap<KeyValue, Object> entries;
    private final boolean descending;
    private final Object lower;
    private final boolean lowerInclusive;
    private final Object upper;
    private final boolean upperInclusive;

    private UniqueKeyRange(
            MVMap<KeyValue, Object> entries,
            boolean descending,
            Object lower,
            boolean lowerInclusive,
            Object upper,
            boolean upperInclusive) {
        this.entries = entries;
        this.descending = descending;
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
    }

    /**
     * The range a query asks for, when it is nothing but bounds ({@code $gt}, {@code $gte},
     * {@code $lt}, {@code $lte}) on the one field it is sorted by, or no condition at all, and a
     * unique index on that field keeps MongoDB's order; otherwise null.
     */
    static UniqueKeyRange of(Document query, Document orderBy, Collection<Index<Object>> indexes) {
        if (orderBy == null || orderBy.size() != 1 || query.size() > 1) {
            return null;
        }
        String field = orderBy.keySet().iterator().next();
        if (!(orderBy.get(field) instanceof Number direction) || Math.abs(direction.intValue()) != 1) {
            return null;
        }
        MVMap<KeyValue, Object> entries = orderedEntries(field, indexes);
        if (entries == null || entries.isEmpty()) {
            return null;
        }
        Class<?> keyType = keyType(entries);
        if (keyType == null) {
            return null;
        }
        Object lower = null;
        Object upper = null;
        boolean lowerInclusive = true;
        boolean upperInclusive = true;
        if (!query.isEmpty()) {
            if (!(query.get(field) instanceof Document conditions)
                    || conditions.isEmpty()
                    || !BOUNDS.containsAll(conditions.keySet())) {
                return null;
            }
            for (String operator : conditions.keySet()) {
                Object bound =
                        new KeyValue(conditions.get(operator)).normalized().get(0);
                if (bound == null || bound.getClass() != keyType || isNaN(bound)) {
                    return null;
                }
                if (operator.startsWith("$gt")) {
                    if (lower != null) {
                        return null;
                    }
                    lower = bound;
                    lowerInclusive = operator.equals("$gte");
                } else {
                    if (upper != null) {
                        return null;
                    }
                    upper = bound;
                    upperInclusive = operator.equals("$lte");
                }
            }
        }
        return new UniqueKeyRange(entries, direction.intValue() < 0, lower, lowerInclusive, upper, upperInclusive);
    }

    /**
     * The positions of the documents in the range, in the sort's order, at most {@code wanted}
     * (none: all of them).
     */
    List<Object> positions(int wanted) {
        List<Object> positions = new ArrayList<>();
        Object start = descending ? upper : lower;
        Cursor<KeyValue, Object> cursor = entries.cursor(start == null ? null : new KeyValue(start), null, descending);
        while (cursor.hasNext() && (wanted <= 0 || positions.size() < wanted)) {
            Object value = cursor.next().get(0);
            if (!descending && !within(value, upper, upperInclusive, 1)
                    || descending && !within(value, lower, lowerInclusive, -1)) {
                break;
            }
            if (value.equals(start) && !(descending ? upperInclusive : lowerInclusive)) {
                continue;
            }
            Object position = cursor.getValue();
            if (!(position instanceof Missing)) {
                positions.add(position);
            }
        }
        return positions;
    }

    /** Whether the value is on the inner side of the bound that ends the walk (none: it never ends). */
    private static boolean within(Object value, Object bound, boolean inclusive, int side) {
        if (bound == null) {
            return true;
        }
        int order = side * KeyValueOrder.compareValues(value, bound);
        return order < 0 || order == 0 && inclusive;
    }

    /** The map of a unique, not sparse index on this one field, if the store keeps one in value order. */
    @SuppressWarnings("unchecked")
    private static MVMap<KeyValue, Object> orderedEntries(String field, Collection<Index<Object>> indexes) {
        for (Index<Object> index : indexes) {
            List<IndexKey> keys = index.getKeys();
            if (index instanceof StoreUniqueIndex unique
                    && unique.holdsEveryDocument()
                    && keys.size() == 1
                    && keys.get(0).getKey().equals(field)) {
                return (MVMap<KeyValue, Object>) unique.entries();
            }
        }
        return null;
    }

    /** The one type of every key, when the first and last keys share one that BSON orders as Java does. */
    private static Class<?> keyType(MVMap<KeyValue, Object> entries) {
        KeyValue first = entries.firstKey();
        KeyValue last = entries.lastKey();
        if (first.size() != 1 || last.size() != 1) {
            return null;
        }
        Object low = first.get(0);
        Object high = last.get(0);
        if (low == null
                || high == null
                || low.getClass() != high.getClass()
                || !ORDERED_AS_IN_BSON.contains(low.getClass())
                || isNaN(low)
                || isNaN(high)) {
            return null;
        }
        return low.getClass();
    }

    private static boolean isNaN(Object value) {
        return value instanceof Double number && number.isNaN();
    }
}
