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
 * how many records wait for a retry. The health details read the same numbers.
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

    void watchRetries(Map<?, ?> retries) {
        Gauge.builder("newsdesk.outbox.retries.waiting", retries, Map::size)
                .description("Records whose outbox events wait for a retry")
                .register(registry);
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
