package org.newsdesk.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test but a measurement, off unless asked for ({@code -Dnewsdesk.measure=true}): the two
 * reads the moderators' live queue makes of its numbered log of changes, the changes after a
 * number (100 at most, in order) and the newest one, on this store and, side by side in the same
 * JVM, on mongo-java-server's plain H2 backend, each holding 1,000 and then 10,000 changes (all
 * the log keeps). Reported as percentiles and ratios; it asserts nothing about time.
 *
 * <pre>./mvnw -q -pl newsdesk-store test -Dtest=RangeReadMeasurement -Dnewsdesk.measure=true</pre>
 */
@Tag("measurement")
@EnabledIfSystemProperty(named = "newsdesk.measure", matches = "true")
class RangeReadMeasurement {

    private static final int READS = Integer.getInteger("newsdesk.measure.reads", 300);

    private static final Map<String, Function<MongoCollection<Document>, List<Document>>> READS_MADE = Map.of(
            "the changes after n",
            changes -> changes.find(Filters.gt("_id", 0L))
                    .sort(Sorts.ascending("_id"))
                    .limit(100)
                    .into(new ArrayList<>()),
            "the newest change",
            changes -> changes.find().sort(Sorts.descending("_id")).limit(1).into(new ArrayList<>()));

    @Test
    void rangeReadsAt1000And10000Changes() {
        // A round whose figures are thrown away: the first one measured the JIT compiling the store.
        measure(H2Backend::inMemory, 1_000);
        measure(StoreBackend::inMemory, 1_000);
        Map<String, Map<String, Histogram>> results = new LinkedHashMap<>();
        for (int kept : new int[] {1_000, 10_000}) {
            results.put("mongo-java-server H2, " + kept, measure(H2Backend::inMemory, kept));
            results.put("newsdesk-store, " + kept, measure(StoreBackend::inMemory, kept));
        }
        System.out.printf(
                "%n%-34s %-22s %10s %10s %10s%n", "store, changes kept", "read", "p50 µs", "p99 µs", "max µs");
        results.forEach((name, reads) -> reads.forEach((read, latencies) -> System.out.printf(
                "%-34s %-22s %10d %10d %10d%n",
                name,
                read,
                latencies.getValueAtPercentile(50),
                latencies.getValueAtPercentile(99),
                latencies.getMaxValue())));
        for (String read : READS_MADE.keySet()) {
            double ours = results.get("newsdesk-store, 10000").get(read).getValueAtPercentile(50);
            double plain = results.get("mongo-java-server H2, 10000").get(read).getValueAtPercentile(50);
            double ours1k = results.get("newsdesk-store, 1000").get(read).getValueAtPercentile(50);
            System.out.printf(
                    "%s, p50 ratios: newsdesk-store 10,000 / 1,000 = %.2f; newsdesk-store / plain at 10,000 = %.3f%n",
                    read, ours / ours1k, ours / plain);
        }
    }

    private static Map<String, Histogram> measure(Supplier<MongoBackend> backend, int kept) {
        MongoServer server = new MongoServer(backend.get());
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> changes = client.getDatabase("newsdesk").getCollection("queueChanges");
            List<Document> batch = new ArrayList<>();
            for (long seq = 1; seq <= kept; seq++) {
                batch.add(new Document("_id", seq)
                        .append("tipId", "tip-" + seq)
                        .append("kind", "received")
                        .append("at", Date.from(Instant.now())));
                if (batch.size() == 1_000) {
                    changes.insertMany(batch);
                    batch.clear();
                }
            }
            Random random = new Random(16);
            Map<String, Histogram> results = new LinkedHashMap<>();
            READS_MADE.forEach((name, read) -> {
                Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                for (int i = -READS / 10; i < READS; i++) {
                    // A catch-up near the end of the log, where the live queue reads.
                    long from = kept - 1 - random.nextInt(Math.min(kept, 200));
                    long started = System.nanoTime();
                    List<Document> answer = name.equals("the changes after n")
                            ? changes.find(Filters.gt("_id", from))
                                    .sort(Sorts.ascending("_id"))
                                    .limit(100)
                                    .into(new ArrayList<>())
                            : read.apply(changes);
                    long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
                    if (answer.isEmpty()) {
                        throw new IllegalStateException(name + " found nothing");
                    }
                    // The first tenth warms the JIT up and is not counted.
                    if (i >= 0) {
                        latencies.recordValue(micros);
                    }
                }
                results.put(name, latencies);
            });
            return results;
        } finally {
            server.shutdownNow();
        }
    }
}
