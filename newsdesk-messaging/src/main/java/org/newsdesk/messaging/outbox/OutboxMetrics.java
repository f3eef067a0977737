package org.newsdesk.messaging.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the relay did, as meters: {@code newsdesk.outbox.events} counts sent, failed and parked
 * entries per collection; {@code newsdesk.outbox.parked.records} is how many records hold parked
 * entries (as of the last sweep, plus what was parked since); {@code newsdesk.outbox.retries.waiting}
 * how many records wait for a retry, per collection. Each collection's meters exist from its
 * outbox's creation. The health details read the same numbers.
 */
public class OutboxMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> parkedRecords = new ConcurrentHashMap<>();

    public OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts for a service without Micrometer; the health details still see them. */
    public static OutboxMetrics standalone() {
        return new OutboxMetrics(new SimpleMeterRegistry());
    }

    /**
     * Makes a collection's meters exist from the start at zero: a counter that first appears at 1
     * shows Prometheus no increase, and a dashboard shows a gauge that exists.
     *
     * @param retries the relay's schedule of retries, whose records of this collection the gauge counts
     */
    void watch(String collection, Map<RecordRef, ?> retries) {
        for (String outcome : new String[] {"sent", "failed", "parked"}) {
            events(collection, outcome);
        }
        parkedGauge(collection);
        Gauge.builder(
                        "newsdesk.outbox.retries.waiting",
                        retries,
                        waiting -> waiting.keySet().stream()
                                .filter(record -> record.collection().equals(collection))
                                .count())
                .description("Records whose outbox events wait for a retry")
                .tag("collection", collection)
                .register(registry);
    }

    void sent(String collection) {
        events(collection, "sent").increment();
    }

    void failed(String collection) {
        events(collection, "failed").increment();
    }

    void parked(String collection) {
        events(collection, "parked").increment();
        parkedGauge(collection).incrementAndGet();
    }

    void parkedRecords(String collection, long count) {
        parkedGauge(collection).set(count);
    }

    /** Records with parked entries, per collection. */
    Map<String, Long> parkedRecords() {
        Map<String, Long> snapshot = new TreeMap<>();
        parkedRecords.forEach((collection, count) -> snapshot.put(collection, count.get()));
        return snapshot;
    }

    double count(String collection, String outcome) {
        Counter counter = registry.find("newsdesk.outbox.events")
                .tags("collection", collection, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private Counter events(String collection, String outcome) {
        return Counter.builder("newsdesk.outbox.events")
                .description("Outbox entries by what became of them")
                .tags("collection", collection, "outcome", outcome)
                .register(registry);
    }

    private AtomicLong parkedGauge(String collection) {
        return parkedRecords.computeIfAbsent(collection, name -> {
            AtomicLong count = new AtomicLong();
            Gauge.builder("newsdesk.outbox.parked.records", count, AtomicLong::get)
                    .description("Records holding outbox entries the relay gave up on")
                    .tags("collection", name)
                    .register(registry);
            return count;
        });
    }
}
