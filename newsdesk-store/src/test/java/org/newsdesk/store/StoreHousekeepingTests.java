package org.newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store tidies its file while commands write and for a while after, then goes quiet:
 * an embedded run left alone after a load must cost nothing. It also counts what it was asked, by
 * collection, for whoever measures what a tip costs.
 */
class StoreHousekeepingTests {

    /** Ten times quicker than the embedded run's rounds, so the test takes seconds, not a minute. */
    private static final Duration ROUND = Duration.ofMillis(100);

    private static final List<String> COLLECTIONS = List.of("tips", "outbox", "stories");

    private CommitBeforeReplyBackend backend;
    private MongoServer server;
    private MongoClient client;

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void compactionStopsOnceItNoLongerGainsAfterTheWritesStop(@TempDir Path folder) {
        // Given a load that wrote and rewrote documents in several collections, a commit each
        // (this left H2's compaction rewriting the same live pages, round after round, for good)
        MongoDatabase newsdesk = open(folder.resolve("store.mv.db"));
        String body = "A resident's account of what happened on the high street. ".repeat(20);
        for (String name : COLLECTIONS) {
            newsdesk.getCollection(name).createIndex(Indexes.ascending("receipt"), new IndexOptions().unique(true));
        }
        int documents = 400;
        for (int i = 0; i < documents; i++) {
            for (String name : COLLECTIONS) {
                MongoCollection<Document> collection = newsdesk.getCollection(name);
                collection.insertOne(new Document("_id", "tip-" + i)
                        .append("receipt", "R-" + i)
                        .append("body", body)
                        .append("state", "received"));
                collection.updateOne(Filters.eq("_id", "tip-" + (i / 2)), Updates.set("state", "in the queue " + i));
            }
        }
        // Rounds while the load wrote are as many as it took time: counted apart, so a slow machine does not fail this
        long compactedWhileWriting = backend.compactions();

        // When nothing more is written
        // Then housekeeping compacts for a while, then stops: no round for twenty rounds' time
        await().atMost(Duration.ofSeconds(60)).until(() -> backend.compactions() > 0);
        awaitHousekeepingQuiet();
        assertThat(backend.compactions() - compactedWhileWriting)
                .as("well short of the most rounds allowed after the last write")
                .isLessThan(CommitBeforeReplyBackend.MOST_ROUNDS_AFTER_WRITES);

        // And every document is there as last written
        for (String name : COLLECTIONS) {
            MongoCollection<Document> collection = newsdesk.getCollection(name);
            assertThat(collection.countDocuments()).isEqualTo(documents);
            assertThat(collection.find(Filters.eq("_id", "tip-199")).first())
                    .containsEntry("state", "in the queue 399");
        }
    }

    @Test
    void aWriteAfterQuietStartsHousekeepingAgain(@TempDir Path folder) {
        // Given a store whose housekeeping went quiet after a first load
        MongoCollection<Document> tips = open(folder.resolve("store.mv.db")).getCollection("tips");
        String body = "x".repeat(2_000);
        for (int i = 0; i < 300; i++) {
            tips.insertOne(new Document("_id", "tip-" + i).append("body", body));
            tips.updateOne(Filters.eq("_id", "tip-" + i), Updates.set("state", "queued"));
        }
        awaitHousekeepingQuiet();
        long quietAt = backend.compactions();

        // When a second load rewrites what the first wrote
        for (int i = 0; i < 300; i++) {
            tips.updateOne(Filters.eq("_id", "tip-" + i), Updates.set("body", body.toUpperCase()));
        }

        // Then housekeeping compacts again
        await().atMost(Duration.ofSeconds(60)).until(() -> backend.compactions() > quietAt);
    }

    @Test
    void itCountsCommandsByNameAndCollectionMostFirst(@TempDir Path folder) {
        // Given a store asked for three inserts and an update into tips, and a read of stories
        MongoDatabase newsdesk = open(folder.resolve("store.mv.db"));
        MongoCollection<Document> tips = newsdesk.getCollection("tips");
        for (int i = 0; i < 3; i++) {
            tips.insertOne(new Document("_id", "tip-" + i));
        }
        tips.updateOne(Filters.eq("_id", "tip-0"), Updates.set("state", "queued"));
        newsdesk.getCollection("stories").find(Filters.eq("_id", "story-1")).first();

        // Then the count names each command with its collection, the most asked first
        assertThat(backend.commandsByCollection())
                .startsWith("insert newsdesk.tips 3, ")
                .contains("update newsdesk.tips 1", "find newsdesk.stories 1");
    }

    /** Until no compaction happened for twenty rounds' time. */
    private void awaitHousekeepingQuiet() {
        AtomicLong lastSeen = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(ROUND.multipliedBy(20))
                .until(() -> {
                    long compactions = backend.compactions();
                    return lastSeen.getAndSet(compactions) == compactions;
                });
    }

    private MongoDatabase open(Path file) {
        backend = CommitBeforeReplyBackend.open(file, ROUND);
        server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        return client.getDatabase("newsdesk");
    }
}
