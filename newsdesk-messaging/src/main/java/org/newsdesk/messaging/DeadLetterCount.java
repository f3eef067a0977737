package org.newsdesk.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.newsdesk.events.Topics;

/**
 * {@code newsdesk.records.dead.lettered}: records parked on a dead-letter topic, tagged with the
 * topic they came from. Each topic's counter exists from the start at zero, so that the first
 * record parked shows as an increase (a series that first appears at 1 does not, to Prometheus).
 */
public final class DeadLetterCount {

    private final MeterRegistry registry;
    private final Map<String, Counter> byTopic = new ConcurrentHashMap<>();

    DeadLetterCount(MeterRegistry registry) {
        this.registry = registry;
        Topics.ALL.forEach(this::counter);
    }

    /** Counts for a service without Micrometer. */
    static DeadLetterCount standalone() {
        return new DeadLetterCount(new SimpleMeterRegistry());
    }

    void parked(String topic) {
        counter(topic).increment();
    }

    private Counter counter(String topic) {
        return byTopic.computeIfAbsent(
                topic,
                name -> Counter.builder("newsdesk.records.dead.lettered")
                        .description("Records parked on their dead-letter topic, by the topic they came from")
                        .tag("topic", name)
                        .register(registry));
    }
}
