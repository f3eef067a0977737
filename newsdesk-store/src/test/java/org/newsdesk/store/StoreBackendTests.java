package org.newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store answers every query exactly as mongo-java-server's own H2 backend does, reads one
 * document where a query names a unique key, never hands out a stored document, and opens files
 * that backend wrote.
 */
class StoreBackendTests {

    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdownNow);
    }

    @Test
    void everyQueryIsAnsweredAsMongoJavaServerAnswersIt() {
        // Given the same tips in this store and in mongo-java-server's plain H2 backend
        MongoCollection<Document> ours = tips(StoreBackend.inMemory());
        MongoCollection<Document> plain = tips(H2Backend.inMemory());

        // When both are asked the same conditional reads and writes
        // Then they answer alike, whether a unique key is named or not
        List<Function<MongoCollection<Document>, Object>> asks = List.of(
                // As Spring Data writes a condition: beside the key
                tips -> find(tips, new Document("_id", "tip-2").append("revision", new Document("$lt", 3))),
                tips -> find(tips, new Document("_id", "tip-2").append("revision", new Document("$lt", 2))),
                tips -> find(
                        tips,
                        new Document("_id", new Document("$in", List.of("tip-1", "tip-2"))).append("revision", 2)),
                // As the driver's Filters.and writes it: in an $and
                tips -> find(tips, Filters.and(Filters.eq("_id", "tip-2"), Filters.lt("revision", 3))),
                tips -> find(tips, Filters.and(Filters.eq("_id", "tip-2"), Filters.lt("revision", 2))),
                tips -> find(tips, Filters.and(Filters.eq("_id", "tip-404"), Filters.lt("revision", 9))),
                tips -> find(tips, Filters.and(Filters.in("_id", "tip-1", "tip-3"), Filters.eq("area", "Ilkeston"))),
                tips -> find(
                        tips,
                        Filters.and(
                                Filters.eq("_id", "tip-3"),
                                Filters.or(Filters.eq("area", "Nowhere"), Filters.gte("revision", 3)))),
                tips -> find(tips, Filters.and(Filters.eq("receipt", "R-1"), Filters.eq("area", "Ilkeston"))),
                tips -> find(tips, Filters.and(Filters.eq("receipt", "R-1"), Filters.eq("area", "Long Eaton"))),
                tips -> find(tips, Filters.and(Filters.eq("_id", "tip-1"), Filters.exists("claim", false))),
                tips -> find(tips, Filters.eq("area", "Ilkeston")),
                tips -> tips.countDocuments(Filters.and(Filters.eq("_id", "tip-1"), Filters.eq("area", "Ilkeston"))),
                tips -> tips.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", "tip-1"), Filters.lt("revision", 5)),
                        Updates.set("revision", 5),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)),
                tips -> tips.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", "tip-1"), Filters.lt("revision", 5)), Updates.set("revision", 6)),
                tips -> tips.updateOne(
                                Filters.and(Filters.eq("_id", "tip-9"), Filters.lt("revision", 1)),
                                Updates.combine(Updates.set("revision", 1), Updates.set("area", "Sandiacre")),
                                new UpdateOptions().upsert(true))
                        .getMatchedCount(),
                tips -> find(tips, Filters.eq("_id", "tip-9")),
                tips -> tips.deleteOne(Filters.and(Filters.eq("_id", "tip-3"), Filters.eq("area", "Nowhere")))
                        .getDeletedCount(),
                tips -> tips.deleteOne(Filters.and(Filters.eq("_id", "tip-3"), Filters.eq("area", "Ilkeston")))
                        .getDeletedCount(),
                tips -> find(tips, new Document()));
        for (Function<MongoCollection<Document>, Object> ask : asks) {
            assertThat(ask.apply(ours)).isEqualTo(ask.apply(plain));
        }

        // And a conditional upsert that finds its document changed is refused alike, as a duplicate key
        Bson olderOrAbsent = Filters.and(Filters.eq("_id", "tip-2"), Filters.lt("revision", 1));
        for (MongoCollection<Document> tips : List.of(ours, plain)) {
            assertThatThrownBy(() ->
                            tips.updateOne(olderOrAbsent, Updates.set("revision", 1), new UpdateOptions().upsert(true)))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
        }
    }

    @Test
    void aConditionalWriteOnAUniqueKeyReadsOneDocumentNotTheCollection() {
        // Given a store holding tips
        StoreBackend backend = StoreBackend.inMemory();
        MongoCollection<Document> tips = tips(backend);
        StoreCollection stored = collection(backend);
        long readsBefore = stored.wholeReads();

        // When tips are claimed and read by their ids and receipts, with conditions
        tips.findOneAndUpdate(
                Filters.and(Filters.eq("_id", "tip-1"), Filters.exists("claim", false)), Updates.set("claim", "sam"));
        find(tips, Filters.and(Filters.eq("receipt", "R-2"), Filters.lt("revision", 9)));
        tips.updateOne(Filters.and(Filters.eq("_id", "tip-3"), Filters.lt("revision", 9)), Updates.inc("revision", 1));
        tips.updateOne(
                new Document("_id", "tip-2").append("revision", new Document("$lt", 9)), Updates.inc("revision", 1));

        // Then no query read the whole collection
        assertThat(stored.wholeReads()).isEqualTo(readsBefore);

        // But a filter no unique key answers still does, and is counted
        find(tips, Filters.eq("area", "Ilkeston"));
        assertThat(stored.wholeReads()).isEqualTo(readsBefore + 1);
    }

    @Test
    void aRangeOfANumberedKeySortedByItReadsOnlyWhatItAnswersAndAnswersAlike() {
        // Given a numbered log of changes in this store and in mongo-java-server's plain H2 backend
        StoreBackend backend = StoreBackend.inMemory();
        MongoCollection<Document> ours = numbered(backend);
        MongoCollection<Document> plain = numbered(H2Backend.inMemory());
        StoreCollection stored =
                (StoreCollection) backend.resolveDatabase("newsdesk").resolveCollection("changes", true);
        long readsBefore = stored.wholeReads();

        // When both are asked for ranges of the numbers, in either order, with limits and skips
        List<Function<MongoCollection<Document>, Object>> asks = List.of(
                changes -> range(changes, Filters.gt("_id", 40L), Sorts.ascending("_id"), 0, 5),
                changes -> range(changes, Filters.gte("_id", 40L), Sorts.ascending("_id"), 0, 5),
                changes -> range(changes, Filters.gt("_id", 40), Sorts.ascending("_id"), 2, 3),
                changes -> range(changes, Filters.gt("_id", 40.5), Sorts.ascending("_id"), 0, 0),
                changes -> range(changes, Filters.lt("_id", 10L), Sorts.descending("_id"), 0, 3),
                changes -> range(changes, Filters.lte("_id", 10L), Sorts.descending("_id"), 0, 3),
                changes -> range(
                        changes,
                        new Document("_id", new Document("$gt", 10L).append("$lte", 15L)),
                        Sorts.ascending("_id"),
                        0,
                        0),
                changes -> range(
                        changes,
                        new Document("_id", new Document("$gte", 10L).append("$lt", 15L)),
                        Sorts.descending("_id"),
                        0,
                        0),
                changes -> range(changes, Filters.gt("_id", 45L), Sorts.descending("_id"), 0, 0),
                changes -> range(changes, Filters.gt("_id", 100L), Sorts.ascending("_id"), 0, 10),
                changes -> range(changes, new Document(), Sorts.descending("_id"), 0, 1),
                changes -> range(changes, new Document(), Sorts.ascending("_id"), 3, 4),
                // Bounds the index does not hold, from either end, and a skip walking down
                changes -> range(changes, Filters.lt("_id", 9.5), Sorts.descending("_id"), 0, 4),
                changes -> range(changes, Filters.lte("_id", 0.5), Sorts.descending("_id"), 0, 4),
                changes -> range(changes, Filters.gte("_id", 49.5), Sorts.ascending("_id"), 0, 4),
                changes -> range(
                        changes,
                        new Document("_id", new Document("$gt", 10.5).append("$lt", 12.5)),
                        Sorts.descending("_id"),
                        0,
                        0),
                changes -> range(changes, Filters.gt("_id", 5L), Sorts.descending("_id"), 1, 2));

        // Then they answer alike
        for (Function<MongoCollection<Document>, Object> ask : asks) {
            assertThat(ask.apply(ours)).isNotNull().isEqualTo(ask.apply(plain));
        }
        assertThat(range(ours, Filters.gt("_id", 40L), Sorts.ascending("_id"), 0, 5))
                .extracting(change -> change.get("_id"))
                .containsExactly(41L, 42L, 43L, 44L, 45L);
        assertThat(range(ours, new Document(), Sorts.descending("_id"), 0, 1))
                .extracting(change -> change.get("_id"))
                .containsExactly(50L);

        // And none of those read the whole collection
        assertThat(stored.wholeReads()).isEqualTo(readsBefore);

        // But where the keys are not all numbers, a range is left to a read of the collection, and still answered alike
        ours.insertOne(new Document("_id", "a-word").append("tipId", "tip-x"));
        plain.insertOne(new Document("_id", "a-word").append("tipId", "tip-x"));
        assertThat(range(ours, Filters.gt("_id", 40L), Sorts.ascending("_id"), 0, 5))
                .isEqualTo(range(plain, Filters.gt("_id", 40L), Sorts.ascending("_id"), 0, 5));
        assertThat(stored.wholeReads()).isEqualTo(readsBefore + 1);
    }

    @Test
    void anIndexThatIsNotUniqueAnswersWhatItHoldsAsAReadOfTheCollectionWould() {
        // Given the same tips in this store and in mongo-java-server's plain backend, with a
        // compound index led by the tip's state, and sparse ones on what is pending: a notice due,
        // an outbox of events (an array)
        StoreBackend backend = StoreBackend.inMemory();
        MongoCollection<Document> ours = pendingWork(backend);
        MongoCollection<Document> plain = pendingWork(H2Backend.inMemory());
        StoreCollection stored = collection(backend);
        long readsBefore = stored.wholeReads();

        // When both are asked for pending work, while it changes
        List<Function<MongoCollection<Document>, Object>> asks = List.of(
                tips -> find(tips, Filters.eq("state", "PENDING")),
                tips -> find(tips, Filters.in("state", "PENDING", "DECIDED")),
                tips -> find(tips, Filters.and(Filters.eq("state", "PENDING"), Filters.eq("area", "Ilkeston"))),
                tips -> find(tips, new Document("state", new Document("$eq", "DECIDED"))),
                tips -> tips.find(Filters.lte("noticeDueAt", 20))
                        .sort(Sorts.ascending("noticeDueAt"))
                        .into(new ArrayList<>()),
                tips -> find(tips, Filters.exists("outbox.eventId")),
                tips -> find(tips, Filters.eq("outbox.eventId", "e-2")),
                tips -> tips.updateOne(
                                Filters.eq("_id", "tip-1"),
                                Updates.combine(
                                        Updates.set("state", "DECIDED"),
                                        Updates.unset("noticeDueAt"),
                                        Updates.pull("outbox", new Document("eventId", "e-1"))))
                        .getModifiedCount(),
                tips -> tips.updateOne(Filters.eq("_id", "tip-3"), Updates.set("noticeDueAt", 5))
                        .getModifiedCount(),
                tips -> find(tips, Filters.eq("state", "PENDING")),
                tips -> tips.find(Filters.lte("noticeDueAt", 20))
                        .sort(Sorts.ascending("noticeDueAt"))
                        .into(new ArrayList<>()),
                tips -> find(tips, Filters.exists("outbox.eventId")),
                tips -> tips.deleteOne(Filters.eq("_id", "tip-2")).getDeletedCount(),
                tips -> find(tips, Filters.in("state", "PENDING", "DECIDED")),
                tips -> find(tips, Filters.exists("outbox.eventId")),
                // Counted as the driver counts (a pipeline), with and without a skip and a limit
                tips -> tips.countDocuments(Filters.eq("state", "PENDING")),
                tips -> tips.countDocuments(Filters.eq("state", "NONE")),
                tips -> tips.countDocuments(
                        Filters.in("state", "PENDING", "DECIDED"),
                        new CountOptions().skip(1).limit(1)));
        for (Function<MongoCollection<Document>, Object> ask : asks) {
            assertThat(ask.apply(ours)).isEqualTo(ask.apply(plain));
        }

        // Then none of those read the whole collection
        assertThat(stored.wholeReads()).isEqualTo(readsBefore);

        // But what such an index cannot answer still does: a missing field, another field
        assertThat(find(ours, Filters.exists("noticeDueAt", false)))
                .isEqualTo(find(plain, Filters.exists("noticeDueAt", false)));
        assertThat(find(ours, Filters.eq("area", "Ilkeston"))).isEqualTo(find(plain, Filters.eq("area", "Ilkeston")));
        assertThat(stored.wholeReads()).isEqualTo(readsBefore + 2);
    }

    @Test
    void aStoredDocumentIsNeverHandedOutOnlyItsCopies() {
        // Given a stored tip
        StoreBackend backend = StoreBackend.inMemory();
        tips(backend);
        StoreCollection stored = collection(backend);

        // When it is read twice, by its id and by a scan
        QueryParameters byId = new QueryParameters(new de.bwaldvogel.mongo.bson.Document("_id", "tip-1"), 0, 0);
        QueryParameters byScan = new QueryParameters(new de.bwaldvogel.mongo.bson.Document("area", "Ilkeston"), 0, 0);
        var first = stored.handleQuery(byId).collectDocuments().get(0);
        var second = stored.handleQuery(byId).collectDocuments().get(0);
        var scanned = stored.handleQuery(byScan).collectDocuments().get(0);

        // Then each answer is a copy of its own: equal, never the same object
        assertThat(first).isEqualTo(second).isNotSameAs(second).isNotSameAs(scanned);
    }

    @Test
    void aFileWrittenByMongoJavaServersOwnBackendOpensWithItsDocumentsAndUniqueKeys(@TempDir Path folder) {
        // Given a store file written by mongo-java-server's plain H2 backend
        Path file = folder.resolve("store.mv.db");
        H2Backend plain = new H2Backend(file.toString());
        MongoServer plainServer = new MongoServer(plain);
        String plainAddress = "mongodb://127.0.0.1:" + plainServer.bind().getPort();
        try (MongoClient client = MongoClients.create(plainAddress)) {
            fill(client.getDatabase("newsdesk").getCollection("tips"));
        }
        plainServer.shutdown();

        // When this store opens it
        CommitBeforeReplyBackend backend = CommitBeforeReplyBackend.open(file);
        MongoCollection<Document> tips = client(backend).getDatabase("newsdesk").getCollection("tips");

        // Then its documents are there, found by their keys, and its unique index still holds
        assertThat(tips.countDocuments()).isEqualTo(3);
        assertThat(find(tips, Filters.and(Filters.eq("receipt", "R-2"), Filters.lt("revision", 9))))
                .extracting(tip -> tip.getString("_id"))
                .containsExactly("tip-2");
        assertThatThrownBy(() -> tips.insertOne(new Document("_id", "tip-4").append("receipt", "R-1")))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> tips.insertOne(new Document("_id", "tip-3")))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("duplicate key");

        // And its unique indexes were built again once, in maps ordered by value, replacing the old
        // ones: opened once more, the store reads no collection and the keys still hold
        StoreCollection rebuilt = collection(backend);
        assertThat(rebuilt.wholeReads()).isPositive();
        servers.forEach(MongoServer::shutdownNow);
        servers.clear();
        backend.close();
        CommitBeforeReplyBackend reopened = CommitBeforeReplyBackend.open(file);
        assertThat(reopened.getMvStore().getMapNames())
                .contains("newsdesk.tips._unique__id_", "newsdesk.tips._unique_receipt_1")
                .noneMatch(name -> name.contains("._index_"));
        MongoCollection<Document> again =
                client(reopened).getDatabase("newsdesk").getCollection("tips");
        assertThatThrownBy(() -> again.insertOne(new Document("_id", "tip-2")))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("duplicate key");
        assertThat(find(again, Filters.eq("_id", "tip-1"))).hasSize(1);
        assertThat(collection(reopened).wholeReads()).isZero();
    }

    @Test
    void anIndexWhoseBuildingWasCutShortIsBuiltAgainFromTheStart(@TempDir Path folder) {
        // Given a store whose unique index on receipts was being built when the process died:
        // under its provisional name, and missing a receipt
        Path file = folder.resolve("store.mv.db");
        CommitBeforeReplyBackend first = CommitBeforeReplyBackend.open(file);
        fill(client(first).getDatabase("newsdesk").getCollection("tips"));
        servers.forEach(MongoServer::shutdownNow);
        servers.clear();
        first.close();
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<KeyValue, Object> receipts = raw.openMap(
                "newsdesk.tips._unique_receipt_1", new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueOrder()));
        receipts.remove(new KeyValue("R-1"));
        raw.renameMap(receipts, "newsdesk.tips._unique_receipt_1" + StoredIndex.BUILDING);
        raw.close();

        // When the store opens again
        CommitBeforeReplyBackend reopened = CommitBeforeReplyBackend.open(file);
        MongoCollection<Document> tips =
                client(reopened).getDatabase("newsdesk").getCollection("tips");

        // Then the index was built from the documents, whole, under its own name
        assertThat(collection(reopened).wholeReads()).isPositive();
        assertThat(reopened.getMvStore().getMapNames())
                .contains("newsdesk.tips._unique_receipt_1")
                .noneMatch(name -> name.endsWith(StoredIndex.BUILDING));
        assertThatThrownBy(() -> tips.insertOne(new Document("_id", "tip-4").append("receipt", "R-1")))
                .hasMessageContaining("duplicate key");
    }

    @Test
    void aDroppedIndexOrCollectionLeavesNoEntryBehind(@TempDir Path folder) {
        // Given stored tips with a unique index
        CommitBeforeReplyBackend backend = CommitBeforeReplyBackend.open(folder.resolve("store.mv.db"));
        MongoCollection<Document> tips = client(backend).getDatabase("newsdesk").getCollection("tips");
        fill(tips);

        // When the index is dropped, and the collection, and both are made again
        tips.dropIndex("receipt_1");
        assertThat(backend.getMvStore().getMapNames()).doesNotContain("newsdesk.tips._unique_receipt_1");
        tips.drop();
        fill(tips);

        // Then the new ones hold only what was written since
        assertThat(tips.countDocuments()).isEqualTo(3);
        assertThatThrownBy(() -> tips.insertOne(new Document("_id", "tip-4").append("receipt", "R-1")))
                .hasMessageContaining("duplicate key");
        tips.insertOne(new Document("_id", "tip-4").append("receipt", "R-4"));
        assertThat(find(tips, Filters.eq("receipt", "R-4"))).hasSize(1);
    }

    @Test
    void aStoreReopensWithoutReadingItsCollectionsAndItsIndexesStillHold(@TempDir Path folder) {
        // Given a stored collection with a unique index, a sparse unique index no tip has a value
        // for yet, and an index that is not unique (mongo-java-server took both of the last two
        // for empty, and rebuilt them by reading the collection each time the store opened)
        Path file = folder.resolve("store.mv.db");
        CommitBeforeReplyBackend first = CommitBeforeReplyBackend.open(file);
        MongoCollection<Document> written =
                client(first).getDatabase("newsdesk").getCollection("tips");
        fill(written);
        written.createIndex(
                Indexes.ascending("erasedAt"), new IndexOptions().unique(true).sparse(true));
        written.createIndex(Indexes.ascending("area"));
        first.close();

        // When the store is opened again
        CommitBeforeReplyBackend reopened = CommitBeforeReplyBackend.open(file);
        StoreCollection stored = collection(reopened);

        // Then no collection was read to open it
        assertThat(stored.wholeReads()).isZero();

        // And every index holds as before: the filled one, the sparse one from its first value,
        // and the one that is not unique, which answers without reading the collection
        MongoCollection<Document> tips =
                client(reopened).getDatabase("newsdesk").getCollection("tips");
        assertThatThrownBy(() -> tips.insertOne(new Document("_id", "tip-4").append("receipt", "R-2")))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("duplicate key");
        tips.updateOne(Filters.eq("_id", "tip-1"), Updates.set("erasedAt", 1));
        assertThatThrownBy(() -> tips.updateOne(Filters.eq("_id", "tip-2"), Updates.set("erasedAt", 1)))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("duplicate key");
        assertThat(find(tips, Filters.eq("area", "Ilkeston")))
                .extracting(tip -> tip.getString("_id"))
                .containsExactly("tip-1", "tip-3");
        assertThat(stored.wholeReads()).isZero();

        // And an index made now, on the stored tips, is still built by reading them
        assertThatThrownBy(() -> tips.createIndex(
                        Indexes.ascending("area"),
                        new IndexOptions().unique(true).name("area_unique")))
                .hasMessageContaining("duplicate key");
    }

    @Test
    void aFilterIsShownToTheSlowQueryLogByItsShapeNeverItsValues() {
        assertThat(QueryShape.of(new de.bwaldvogel.mongo.bson.Document("_id", "R-SECRET")
                        .append("revision", new de.bwaldvogel.mongo.bson.Document("$lt", 3))
                        .append(
                                "$or",
                                List.of(
                                        new de.bwaldvogel.mongo.bson.Document("area", "Ilkeston"),
                                        new de.bwaldvogel.mongo.bson.Document("tags", List.of("a", "b"))))))
                .isEqualTo("{_id: ?, revision: {$lt: ?}, $or: [{area: ?}, {tags: ?}]}");
    }

    private MongoCollection<Document> tips(MongoBackend backend) {
        MongoCollection<Document> tips = client(backend).getDatabase("newsdesk").getCollection("tips");
        fill(tips);
        return tips;
    }

    private MongoCollection<Document> pendingWork(MongoBackend backend) {
        MongoCollection<Document> tips = client(backend).getDatabase("newsdesk").getCollection("tips");
        tips.createIndex(Indexes.ascending("state", "area"));
        tips.createIndex(Indexes.ascending("noticeDueAt"), new IndexOptions().sparse(true));
        tips.createIndex(Indexes.ascending("outbox.eventId"), new IndexOptions().sparse(true));
        tips.insertMany(List.of(
                new Document("_id", "tip-1")
                        .append("state", "PENDING")
                        .append("area", "Ilkeston")
                        .append("noticeDueAt", 10)
                        .append("outbox", List.of(new Document("eventId", "e-1"), new Document("eventId", "e-2"))),
                new Document("_id", "tip-2")
                        .append("state", "PENDING")
                        .append("area", "Long Eaton")
                        .append("noticeDueAt", 30.0)
                        .append("outbox", List.of(new Document("eventId", "e-3"))),
                new Document("_id", "tip-3").append("state", "DECIDED").append("area", "Ilkeston"),
                new Document("_id", "tip-4").append("area", "Ilkeston")));
        return tips;
    }

    /** Changes numbered 1 to 50, inserted out of order. */
    private MongoCollection<Document> numbered(MongoBackend backend) {
        MongoCollection<Document> changes =
                client(backend).getDatabase("newsdesk").getCollection("changes");
        List<Document> documents = new ArrayList<>();
        for (long seq = 50; seq >= 1; seq -= 2) {
            documents.add(new Document("_id", seq).append("tipId", "tip-" + seq));
        }
        for (long seq = 1; seq < 50; seq += 2) {
            documents.add(new Document("_id", seq).append("tipId", "tip-" + seq));
        }
        changes.insertMany(documents);
        return changes;
    }

    private static List<Document> range(
            MongoCollection<Document> changes, Bson filter, Bson sort, int skip, int limit) {
        return changes.find(filter).sort(sort).skip(skip).limit(limit).into(new ArrayList<>());
    }

    private static void fill(MongoCollection<Document> tips) {
        tips.createIndex(
                Indexes.ascending("receipt"), new IndexOptions().unique(true).sparse(true));
        tips.insertMany(List.of(
                new Document("_id", "tip-1")
                        .append("revision", 1)
                        .append("area", "Ilkeston")
                        .append("receipt", "R-1"),
                new Document("_id", "tip-2")
                        .append("revision", 2)
                        .append("area", "Long Eaton")
                        .append("receipt", "R-2"),
                new Document("_id", "tip-3").append("revision", 3).append("area", "Ilkeston")));
    }

    private MongoClient client(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        servers.add(server);
        MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        clients.add(client);
        return client;
    }

    private static StoreCollection collection(StoreBackend backend) {
        return (StoreCollection) backend.resolveDatabase("newsdesk").resolveCollection("tips", true);
    }

    private static List<Document> find(MongoCollection<Document> tips, Bson filter) {
        return tips.find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
