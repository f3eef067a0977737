package org.newsdesk.moderation.record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.PageSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Not a test but a measurement, off unless asked for ({@code -Dnewsdesk.measure=true}): fills the
 * embedded store with 100,000 acts and reports, side by side in one run, the latency of a filtered
 * page of the record through the API (with the in-memory order, the default) and straight from the
 * store's query (what the embedded store does without it), and the time to export it all as CSV.
 * It asserts nothing about time: these machines are shared and noisy.
 */
@ModerationIntegrationTest
@Tag("measurement")
@EnabledIfSystemProperty(named = "newsdesk.measure", matches = "true")
class RecordAtScaleMeasurement {

    private static final int ACTS = 100_000;
    private static final int ROUNDS = 200;

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    InMemoryAuditOrder inMemory;

    @Autowired
    IndexedAuditOrder indexed;

    @Test
    void aFilteredPageAndTheExportWith100000Acts() {
        // Given 100,000 acts over a year of 2025, by 20 people, of every kind
        Random random = new Random(13);
        Act[] kinds = Act.values();
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        List<EditorialAct> acts = new ArrayList<>(ACTS);
        for (int i = 0; i < ACTS; i++) {
            acts.add(new EditorialAct(
                    UUID.randomUUID().toString(),
                    start.plusSeconds(random.nextInt(365 * 24 * 3600)),
                    "measured-" + random.nextInt(20),
                    kinds[random.nextInt(kinds.length)],
                    "tip-" + random.nextInt(20_000),
                    "Changed the headline from \u201cA\u201d to \u201cB\u201d, with a note of some length for realism",
                    UUID.randomUUID().toString()));
        }
        long filling = System.nanoTime();
        Flux.fromIterable(acts)
                .buffer(5_000)
                .concatMap(batch -> mongo.insertAll(batch))
                .then()
                .block(Duration.ofMinutes(10));
        inMemory.resync().block(Duration.ofMinutes(5));
        report("filled and read into memory", System.nanoTime() - filling);

        PageSession editor = PageSession.signIn(
                web, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        WebTestClient patient =
                web.mutate().responseTimeout(Duration.ofMinutes(5)).build();

        // When filtered pages are read through the API: by person, by act, by person, act and a month
        Histogram api = time(() -> patient.get()
                .uri(
                        "/api/audit?actor=measured-{n}&act=CORRECTED&from=2025-06-01&to=2025-06-30&limit=50",
                        random.nextInt(20))
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult());
        Histogram apiByPerson = time(() -> patient.get()
                .uri("/api/audit?actor=measured-{n}&limit=50", random.nextInt(20))
                .headers(headers -> headers.setBasicAuth(
                        ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult());
        AuditFilter filter = new AuditFilter("measured-3", Act.CORRECTED, null, null);
        Histogram memoryOrder = time(() -> inMemory.page(filter, null, 51).block());
        Histogram storeQuery =
                time(ROUNDS / 10, () -> indexed.page(filter, null, 51).block());

        // And the whole record is exported
        long exporting = System.nanoTime();
        long[] bytes = {0};
        long[] lines = {0};
        long[] firstByte = {0};
        patient.get()
                .uri("/audit.csv")
                .cookie(PageSession.COOKIE, editor.cookie())
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(DataBuffer.class)
                .getResponseBody()
                .doOnNext(buffer -> {
                    if (firstByte[0] == 0) {
                        firstByte[0] = System.nanoTime() - exporting;
                    }
                    bytes[0] += buffer.readableByteCount();
                    while (buffer.readableByteCount() > 0) {
                        if (buffer.read() == '\n') {
                            lines[0]++;
                        }
                    }
                    DataBufferUtils.release(buffer);
                })
                .blockLast(Duration.ofMinutes(5));
        long exported = System.nanoTime() - exporting;

        // Then (reported, not asserted)
        print("API page, person + act + month", api);
        print("API page, person", apiByPerson);
        print("in-memory order, person + act (no HTTP)", memoryOrder);
        print("store query, person + act (no HTTP; mongo-java-server scans)", storeQuery);
        report("CSV export: first bytes after", firstByte[0]);
        report("CSV export of " + (lines[0] - 1) + " lines, " + bytes[0] / 1024 + " KiB, all of it", exported);
    }

    private static Histogram time(Supplier<?> call) {
        return time(ROUNDS, call);
    }

    private static Histogram time(int rounds, Supplier<?> call) {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        for (int warm = 0; warm < 5; warm++) {
            call.get();
        }
        for (int i = 0; i < rounds; i++) {
            long began = System.nanoTime();
            call.get();
            histogram.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - began));
        }
        return histogram;
    }

    private static void print(String what, Histogram histogram) {
        System.out.printf(
                "MEASURE %-62s n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                what,
                histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0);
    }

    private static void report(String what, long nanos) {
        System.out.printf("MEASURE %-62s %.2f s%n", what, nanos / 1e9);
    }
}
