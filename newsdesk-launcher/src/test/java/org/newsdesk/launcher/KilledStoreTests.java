package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The embedded store is killed (SIGKILL, as {@code kill -9} or a crash would) while clients are
 * writing, and must still hold every write it acknowledged when it is opened again.
 */
class KilledStoreTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int KILLS = 3;
    private static final int WRITERS = 4;

    /** Enough acknowledged writes that the kill lands well inside a stream of them, not before it. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 400;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedWriteIsThereAfterTheStoreWasKilled() throws Exception {
        // Given a ledger of what the store acknowledged: for each document, the last version it confirmed
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            Process store = startStoreProcess();
            try (MongoClient client = MongoClients.create(connectionString(awaitPort(store)))) {
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                int before = acknowledged.size();
                for (int writer = 0; writer < WRITERS; writer++) {
                    writers.execute(() -> writeUntilRefused(tips(client), acknowledged));
                }

                // When the store process is killed while the writers are still writing
                await().atMost(PATIENCE).until(() -> acknowledged.size() >= before + ACKNOWLEDGED_BEFORE_KILL);
                store.destroyForcibly();
                assertThat(store.onExit()
                                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS)
                                .exitValue())
                        .as("killed by SIGKILL")
                        .isEqualTo(137);
                writers.shutdown();
                assertThat(writers.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .isTrue();
            }

            // Then the store opened again on the same file holds every acknowledged write
            try (LocalMongoServer reopened = LocalMongoServer.start(dataDir, 0);
                    MongoClient client = MongoClients.create(reopened.connectionString())) {
                Map<String, Integer> found = new ConcurrentHashMap<>();
                Flux.from(tips(client).find())
                        .doOnNext(tip -> found.put(tip.getString("_id"), tip.getInteger("version")))
                        .blockLast(PATIENCE);
                List<String> lost = new ArrayList<>();
                acknowledged.forEach((id, version) -> {
                    Integer stored = found.get(id);
                    if (stored == null || stored < version) {
                        lost.add(id + " (acknowledged version " + version + ", found " + stored + ")");
                    }
                });
                assertThat(lost)
                        .as("acknowledged writes missing after kill %d of %d", kill, KILLS)
                        .isEmpty();
            }
        }
    }

    /**
     * Inserts documents and updates each once, recording each acknowledgement, until the store
     * stops answering. The update makes sure changes to existing documents are kept as well.
     */
    private static void writeUntilRefused(MongoCollection<Document> tips, Map<String, Integer> acknowledged) {
        try {
            while (true) {
                String id = UUID.randomUUID().toString();
                Mono.from(tips.insertOne(new Document("_id", id)
                                .append("version", 0)
                                .append("headline", "Lights out on Station Road")))
                        .block(PATIENCE);
                acknowledged.put(id, 0);
                Mono.from(tips.updateOne(Filters.eq("_id", id), Updates.set("version", 1)))
                        .block(PATIENCE);
                acknowledged.put(id, 1);
            }
        } catch (RuntimeException refused) {
            // The store was killed: whatever was in flight was never acknowledged.
        }
    }

    private Process startStoreProcess() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoreProcess.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
    }

    /** Reads the child's output until it names its port, then keeps draining it so the child never blocks on a full pipe. */
    private static int awaitPort(Process store) {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(store.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try {
                        String line;
                        while ((line = output.readLine()) != null) {
                            if (line.startsWith(StoreProcess.PORT_LINE_PREFIX)) {
                                port.complete(Integer.parseInt(line.substring(StoreProcess.PORT_LINE_PREFIX.length())
                                        .trim()));
                            }
                        }
                        port.completeExceptionally(
                                new IllegalStateException("The store process ended before it listened"));
                    } catch (IOException ex) {
                        port.completeExceptionally(ex);
                    }
                },
                "store-process-output");
        reader.setDaemon(true);
        reader.start();
        return await().atMost(PATIENCE).until(() -> port.isDone() ? port.join() : null, found -> found != null);
    }

    /** Short server selection: once the store is gone, writers should give up at once rather than wait for it. */
    private static String connectionString(int port) {
        return "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=2000";
    }

    private static MongoCollection<Document> tips(MongoClient client) {
        return client.getDatabase("newsdesk-kill-check").getCollection("tips");
    }
}
