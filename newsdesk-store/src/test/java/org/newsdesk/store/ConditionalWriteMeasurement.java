package org.newsdesk.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test but a measurement, off unless asked for ({@code -Dnewsdesk.measure=true}): the cost
 * of the write every idempotent consumer and claim makes, {@code {_id: X, revision: {$lt: n}}},
 * on this store and, side by side in the same JVM, on mongo-java-server's plain H2 backend, each
 * holding 1,000 and then 100,000 tips of about a kilobyte. Reported as percentiles and as ratios;
 * it asserts nothing about time, as these machines are shared and noisy.
 *
 * <pre>./mvnw -q -pl newsdesk-store test -Dtest=ConditionalWriteMeasurement -Dnewsdesk.measure=true</pre>
 */
@Tag("measurement")
@EnabledIfSystemProperty(named = "newsdesk.measure", matches = "true")
class ConditionalWriteMeasurement {

    private static final int WRITES = Integer.getInteger("newsdesk.measure.writes", 300);
    private static final String WORDS = "Water is pouring across Station Road in Long Eaton after a main burst. ";

    @Test
    void conditionalWritesAt1000And100000Tips() {
        // A round whose figures are thrown away: the first one measured the JIT compiling the store.
        measure(H2Backend::inMemory, 1_000);
        measure(StoreBackend::inMemory, 1_000);
        Map<String, Histogram> results = new LinkedHashMap<>();
        for (int tips : new int[] {1_000, 100_000}) {
            results.put("mongo-java-server H2, " + tips, measure(H2Backend::inMemory, tips));
            results.put("newsdesk-store, " + tips, measure(StoreBackend::inMemory, tips));
        }
        System.out.printf("%n%-34s %10s %10s %10s%n", "conditional write", "p50 µs", "p99 µs", "max µs");
        results.forEach((name, latencies) -> System.out.printf(
                "%-34s %10d %10d %10d%n",
                name, latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(99), latencies.getMaxValue()));
        double ours1k = results.get("newsdesk-store, 1000").getValueAtPercentile(50);
        double ours100k = results.get("newsdesk-store, 100000").getValueAtPercentile(50);
        double plain100k = results.get("mongo-java-server H2, 100000").getValueAtPercentile(50);
        System.out.printf(
                "p50 ratios: newsdesk-store 100,000 / 1,000 = %.2f; newsdesk-store / plain at 100,000 = %.4f%n%n",
                ours100k / ours1k, ours100k / plain100k);
    }

    private static Histogram measure(Supplier<MongoBackend> backend, int tips) {
        MongoServer server = new MongoServer(backend.get());
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> collection =
                    client.getDatabase("newsdesk").getCollection("tips");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < tips; i++) {
                batch.add(new Document("_id", "tip-" + i)
                        .append("revision", 1L)
                        .append("headline", "Station Road flooded " + i)
                        .append("body", WORDS.repeat(12))
                        .append("area", "Long Eaton"));
                if (batch.size() == 1_000) {
                    collection.insertMany(batch);
                    batch.clear();
                }
            }
            Random random = new Random(16);
            Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            for (int write = -WRITES / 10; write < WRITES; write++) {
                String tipId = "tip-" + random.nextInt(tips);
                long started = System.nanoTime();
                collection.updateOne(
                        new Document("_id", tipId).append("revision", new Document("$lt", 1_000_000L)),
                        Updates.inc("revision", 1L));
                long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
                // The first tenth warms the JIT up and is not counted.
                if (write >= 0) {
                    latencies.recordValue(micros);
                }
            }
            return latencies;
        } finally {
            server.shutdownNow();
        }
    }
}
