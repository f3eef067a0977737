package org.newsdesk.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * An index that is not unique, which mongo-java-server does not keep at all (every query on such
 * a field read the whole collection): kept here on its leading field, in a map of the store's own.
 * It answers two kinds of query, the two Newsdesk's pending work is found by, and leaves every
 * other to a read of the collection:
 * <ul>
 * <li>the leading field equal to a value, or to one of an {@code $in} list: the documents with that
 *     value ({@code {state: "PENDING"}} reads the waiting tips, not the archive);</li>
 * <li>on a sparse index, any condition only a document with the field can meet ({@code $exists:
 *     true}, a range): the documents the index holds, which a sparse index keeps to those with
 *     something pending (an outbox, a notice due), however large the collection grows.</li>
 * </ul>
 * Either way it only proposes documents: the collection matches the whole query against each, and
 * sorts them. Its entries are {@code value \0 position}, so the documents with one value are
 * neighbours in the map.
 */
final class LeadingFieldIndex extends Index<Object> implements StoredIndex {

    private static final char SEPARATOR = '\0';

    private final MVMap<String, Object> entries;

    /** @param entries opened by {@link StoredIndex#open} */
    LeadingFieldIndex(String name, List<IndexKey> keys, boolean sparse, MVMap<String, Object> entries) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    @Override
    public MVMap<String, Object> entries() {
        return entries;
    }

    private String field() {
        return getKeys().get(0).getKey();
    }

    @Override
    public Object getPosition(Document document) {
        // Not unique: it names no document.
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {}

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (String value : valuesOf(document)) {
            entries.put(entry(value, position), position);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = Missing.ofNullable(document.get("_id"));
        Object removed = null;
        for (String value : valuesOf(document)) {
            Object was = entries.remove(entry(value, position));
            removed = was != null ? was : removed;
        }
        return removed;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {}

    @Override
    public void updateInPlace(
            Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        Set<String> before = valuesOf(oldDocument);
        Set<String> after = valuesOf(newDocument);
        for (String value : before) {
            if (!after.contains(value)) {
                entries.remove(entry(value, position));
            }
        }
        for (String value : after) {
            if (!before.contains(value)) {
                entries.put(entry(value, position), position);
            }
        }
    }

    @Override
    public boolean canHandle(Document query) {
        Object condition = conditionOn(query);
        return condition != null
                && (!valuesAsked(condition).isEmpty() || isSparse() && onlyDocumentsWithTheFieldMeet(condition));
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Object condition = conditionOn(query);
        List<String> asked = valuesAsked(condition);
        Set<Object> positions = new LinkedHashSet<>();
        if (asked.isEmpty()) {
            entries.values().forEach(positions::add);
            return positions;
        }
        for (String value : asked) {
            String prefix = value + SEPARATOR;
            Cursor<String, Object> cursor = entries.cursor(prefix);
            while (cursor.hasNext() && cursor.next().startsWith(prefix)) {
                positions.add(cursor.getValue());
            }
        }
        return positions;
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.clear();
    }

    /** The leading field's condition, at the top of the query or in a clause of its top-level {@code $and}. */
    private Object conditionOn(Document query) {
        if (query.containsKey(field())) {
            return query.get(field());
        }
        if (query.get("$and") instanceof Collection<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Document document && document.containsKey(field())) {
                    return document.get(field());
                }
            }
        }
        return null;
    }

    /** The values an equality or an {@code $in} of plain values asks for, encoded; empty for any other condition. */
    private static List<String> valuesAsked(Object condition) {
        if (StoreCollection.isPlainValue(condition)) {
            return List.of(encoded(condition));
        }
        if (condition instanceof Document operators && operators.size() == 1) {
            Object equal = operators.get("$eq");
            if (StoreCollection.isPlainValue(equal)) {
                return List.of(encoded(equal));
            }
            if (operators.get("$in") instanceof Collection<?> values
                    && !values.isEmpty()
                    && values.stream().allMatch(StoreCollection::isPlainValue)) {
                return values.stream()
                        .map(LeadingFieldIndex::encoded)
                        .distinct()
                        .toList();
            }
        }
        return List.of();
    }

    /** Whether a document without the field can never meet the condition, so a sparse index holds every match. */
    private static boolean onlyDocumentsWithTheFieldMeet(Object condition) {
        if (!(condition instanceof Document operators) || operators.isEmpty()) {
            return false;
        }
        for (var operator : operators.entrySet()) {
            boolean needsTheField = switch (operator.getKey()) {
                case "$exists" -> Boolean.TRUE.equals(operator.getValue());
                case "$lt", "$lte", "$gt", "$gte" -> operator.getValue() != null;
                default -> false;
            };
            if (needsTheField) {
                return true;
            }
        }
        return false;
    }

    /** The leading field's values in the document, encoded: one per element of an array; none if a sparse index skips it. */
    private Set<String> valuesOf(Document document) {
        Object value = Utils.getSubdocumentValueCollectionAware(document, field());
        Set<String> values = new LinkedHashSet<>();
        if (value instanceof Missing) {
            if (!isSparse()) {
                values.add("missing");
            }
            return values;
        }
        if (value instanceof Collection<?> elements) {
            List<Object> flat = new ArrayList<>(elements);
            if (flat.isEmpty() && !isSparse()) {
                values.add("missing");
            }
            flat.forEach(element -> values.add(encoded(element)));
            return values;
        }
        values.add(encoded(value));
        return values;
    }

    private static String entry(String value, Object position) {
        return value + SEPARATOR + encoded(position);
    }

    /**
     * A value as a string that two values MongoDB takes for equal share (the numbers 1 and 1.0
     * among them), prefixed by its kind, so that the string "1" and the number 1 stay apart.
     */
    static String encoded(Object value) {
        Object normalized = new KeyValue(value).normalized().get(0);
        if (normalized == null) {
            return "null";
        }
        if (normalized instanceof Double number && !Double.isFinite(number)) {
            return "n:" + number;
        }
        if (normalized instanceof Number number) {
            return "n:" + new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        if (normalized instanceof String text) {
            return "s:" + text;
        }
        if (normalized instanceof Date date) {
            return "d:" + date.getTime();
        }
        if (normalized instanceof ObjectId id) {
            return "o:" + id.getHexData();
        }
        return normalized.getClass().getSimpleName() + ":" + normalized;
    }
}
