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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H2 collection that behaves as a database's should where mongo-java-server's does not.
 *
 * <p><b>Look-ups by a unique key read one document.</b> mongo-java-server uses an index only when a
 * query names exactly the index's fields: {@code {_id: X}} reads one document, but
 * {@code {_id: X, revision: {$lt: 3}}}, the conditional write every idempotent consumer and every
 * claim makes, read and matched the whole collection, so each such write cost more as the archive
 * grew. Here a query that gives a plain value for every field of a unique index finds the one
 * document through the index and then matches the whole query against it alone; MongoDB does the
 * same with the {@code _id} index.
 *
 * <p><b>A range of a unique key sorted by it reads only what it answers</b> ({@link UniqueKeyRange}):
 * {@code {_id: {$gt: n}}} sorted by {@code _id} with a limit reads the index from {@code n} on,
 * as MongoDB does, not the whole collection.
 *
 * <p><b>A stored document is never handed out.</b> mongo-java-server answers a query with the very
 * objects it stores, encodes them after its lock is released, and an update changes the stored
 * object in place: a reply being written while another command updated one of its documents failed
 * with a {@code ConcurrentModificationException}, the server closed that connection, and the
 * driver failed every operation in flight on it (seen in CI). Answers here are copies.
 *
 * <p><b>Opening a store reads no collection.</b> mongo-java-server builds an index afresh whenever
 * it is empty, and it treats every non-unique index, and every sparse one that no document has a
 * value for yet, as empty each time the store opens: each start read every collection with such an
 * index twice, so an archive of 100,000 tips and 100,000 stories took 77 s to open. An index
 * reopened from the store's file was built when it was created, and kept with every write since
 * (the one exception: an index that a store made before kept in a map this store no longer uses,
 * before {@link LeadingFieldIndex} or {@link KeyValueOrder}, is built once, see {@link StoredIndex}).
 *
 * <p><b>Slow queries are logged</b>, as {@code mongod} logs those over its {@code slowms}: a query
 * that takes longer than {@value #SLOW_MS} ms is written with its filter's shape (fields and
 * operators, never values: filters can hold a resident's receipt) and whether it read the whole
 * collection, which is how a query that grows with the archive shows itself.
 */
final class StoreCollection extends H2Collection {

    private static final Logger log = LoggerFactory.getLogger(StoreCollection.class);

    static final long SLOW_MS = 100;

    private final LongAdder wholeReads = new LongAdder();

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
        UniqueKeyRange range = UniqueKeyRange.of(query, orderBy, getIndexes());
        if (range != null) {
            // Only as far as the answer goes: the skipped documents and the limit's.
            int wanted = limit == 0 ? 0 : numberToSkip + Math.abs(limit);
            return matchDocuments(
                    query, range.positions(wanted), orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        long started = System.nanoTime();
        long readsBefore = wholeReads.sum();
        QueryResult result = super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (tookMs > SLOW_MS) {
            log.info(
                    "Slow query on {}: {} sorted by {}, {} ms{}",
                    getFullName(),
                    QueryShape.of(query),
                    orderBy == null || orderBy.isEmpty() ? "nothing" : orderBy.keySet(),
                    tookMs,
                    wholeReads.sum() > readsBefore ? ", reading the whole collection" : "");
        }
        return result;
    }

    /** Every query no index answers reads and matches each document of the collection. */
    @Override
    protected QueryResult matchDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        wholeReads.increment();
        return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * An index reopened with the store is in place already; only an index created now, or one the
     * store keeps in a map it did not have yet ({@link StoredIndex}), is built, by reading the collection.
     */
    @Override
    public void addIndex(Index<Object> index) {
        StoredIndex toBuild = index instanceof StoredIndex stored && !stored.isBuilt() ? stored : null;
        if (StoreDatabase.isOpening() && toBuild == null) {
            getIndexes().add(index);
            return;
        }
        if (index.isEmpty() && !isEmpty()) {
            wholeReads.increment();
        }
        long started = System.nanoTime();
        super.addIndex(index);
        if (toBuild != null) {
            toBuild.finishBuild(StoreDatabase.isOpening());
            if (StoreDatabase.isOpening()) {
                log.info(
                        "Built index {} of {} once, from its {} document(s), in {} ms",
                        index.getName(),
                        getFullName(),
                        count(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        }
    }

    /** The answer's documents copied, so that no thread ever holds an object the store may change. */
    @Override
    protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
        return super.createQueryResult(
                matchedDocuments.stream().map(Document::cloneDeeply).toList(), batchSize);
    }

    /**
     * How many times the whole collection was read since it was opened: for a filter no index
     * could answer, or to build an index.
     */
    long wholeReads() {
        return wholeReads.sum();
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

    private static Set<String> fieldsOf(Index<Object> index) {
        return index.getKeys().stream().map(IndexKey::getKey).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A value that equals itself only: not an operator, a sub-document, an array, a pattern or null. */
    static boolean isPlainValue(Object value) {
        return value != null
                && !(value instanceof Document)
                && !(value instanceof Collection<?>)
                && !(value instanceof Pattern)
                && !BsonRegularExpression.isRegularExpression(value);
    }
}
