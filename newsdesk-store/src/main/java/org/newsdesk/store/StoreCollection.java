package org.newsdesk.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that behaves as a database's should in two ways mongo-java-server's does not.
 *
 * <p><b>Look-ups by a unique key read one document.</b> mongo-java-server uses an index only when a
 * query names exactly the index's fields: {@code {_id: X}} reads one document, but
 * {@code {_id: X, revision: {$lt: 3}}}, the conditional write every idempotent consumer and every
 * claim makes, read and matched the whole collection, so each such write cost more as the archive
 * grew. Here a query that gives a plain value for every field of a unique index finds the one
 * document through the index and then matches the whole query against it alone; MongoDB does the
 * same with the {@code _id} index.
 *
 * <p><b>A stored document is never handed out.</b> mongo-java-server answers a query with the very
 * objects it stores, encodes them after its lock is released, and an update changes the stored
 * object in place: a reply being written while another command updated one of its documents failed
 * with a {@code ConcurrentModificationException}, the server closed that connection, and the
 * driver failed every operation in flight on it (seen in CI). Answers here are copies.
 */
final class StoreCollection extends H2Collection {

    private final LongAdder collectionScans = new LongAdder();

    StoreCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> documents,
            MVMap<String, Object> metadata,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, documents, metadata, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Document key = uniqueKeyIn(query);
        if (key != null) {
            for (Index<Object> index : getIndexes()) {
                if (index.isUnique() && fieldsOf(index).equals(key.keySet())) {
                    // The one document the key names, matched against the whole query.
                    return matchDocuments(
                            query, index.getPositions(key), orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
        }
        if (!query.isEmpty() && !coveredByAnIndex(query)) {
            collectionScans.increment();
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** The answer's documents copied, so that no thread ever holds an object the store may change. */
    @Override
    protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
        return super.createQueryResult(
                matchedDocuments.stream().map(Document::cloneDeeply).toList(), batchSize);
    }

    /** How many queries read the whole collection (a filter no index could answer), since it was opened. */
    long collectionScans() {
        return collectionScans.sum();
    }

    /**
     * The fields of a unique index the query gives a plain value for, with their values, when there
     * are more conditions than these; {@code null} when no unique index is named whole that way.
     * Conditions count both at the top ({@code {_id: X, revision: {$lt: 3}}}, as Spring Data writes
     * them) and in a top-level {@code $and} (as the driver's {@code Filters.and} does). A query of
     * the index's fields alone is left to mongo-java-server, which answers it from the index already.
     */
    private Document uniqueKeyIn(Document query) {
        Document equalities = plainEqualities(query);
        if (equalities.isEmpty() || query.size() + andClauses(query).size() < 2) {
            return null;
        }
        for (Index<Object> index : getIndexes()) {
            Set<String> fields = fieldsOf(index);
            if (index.isUnique() && equalities.keySet().containsAll(fields)) {
                Document key = new Document();
                fields.forEach(field -> key.put(field, equalities.get(field)));
                return key;
            }
        }
        return null;
    }

    /** Every field the query (or a clause of its top-level {@code $and}) requires to equal a plain value. */
    private static Document plainEqualities(Document query) {
        Document equalities = new Document();
        List<Document> clauses = new ArrayList<>();
        clauses.add(query);
        clauses.addAll(andClauses(query));
        for (Document clause : clauses) {
            clause.forEach((field, value) -> {
                if (!field.startsWith("$") && isPlainValue(value)) {
                    equalities.putIfAbsent(field, value);
                }
            });
        }
        return equalities;
    }

    private static List<Document> andClauses(Document query) {
        if (!(query.get("$and") instanceof Collection<?> clauses)) {
            return List.of();
        }
        return clauses.stream()
                .filter(Document.class::isInstance)
                .map(Document.class::cast)
                .toList();
    }

    private boolean coveredByAnIndex(Document query) {
        return getIndexes().stream().anyMatch(index -> index.canHandle(query));
    }

    private static Set<String> fieldsOf(Index<Object> index) {
        return index.getKeys().stream().map(IndexKey::getKey).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A value that equals itself only: not an operator, a sub-document, an array, a pattern or null. */
    private static boolean isPlainValue(Object value) {
        return value != null
                && !(value instanceof Document)
                && !(value instanceof Collection<?>)
                && !(value instanceof Pattern)
                && !BsonRegularExpression.isRegularExpression(value);
    }
}
