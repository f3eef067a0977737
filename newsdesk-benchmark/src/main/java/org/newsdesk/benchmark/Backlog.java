package org.newsdesk.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A backlog of tips on {@code newsdesk.tips.submitted} all at once, as the moderation service
 * finds after it was down while residents kept sending, and how fast its intake works it off.
 * The tips are copies of one this run sent (see {@link LogSeed#copyOf}), at its times; the broker
 * takes them in about a second, far faster than any intake stores them, so the intake meets a
 * backlog. The rate is the tips stored over the time from the first one sent to the last one's
 * {@code receivedAt}. They stay in the queue afterwards, as a backlog's tips would.
 */
final class Backlog {

    private static final String TIPS_SUBMITTED = "newsdesk.tips.submitted";

    private Backlog() {}

    static List<Figure> workOff(String kafka, Records records, long pid, int tips, Duration patience) {
        ConsumerRecord<byte[], byte[]> original = LogSeed.newest(kafka, TIPS_SUBMITTED, tip -> tip.get("body") != null);
        if (original == null) {
            System.out.println(TIPS_SUBMITTED + ": no tip to copy for the backlog");
            return List.of();
        }
        List<String> tipIds = new ArrayList<>();
        // The last tip sent to each partition: the intake stores a partition's tips in order, so
        // once these are stored, so is every tip before them.
        Map<Integer, String> lastPerPartition = new ConcurrentHashMap<>();
        double cpuBefore = ProcessCpu.millis(pid);
        long firstSent = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LogSeed.producerProperties(kafka))) {
            for (int copy = 1; copy <= tips; copy++) {
                String tipId = UUID.randomUUID().toString();
                tipIds.add(tipId);
                producer.send(LogSeed.copyOf(original, tipId, "backlog " + copy, Duration.ZERO), (sent, failed) -> {
                    if (sent != null) {
                        lastPerPartition.put(sent.partition(), tipId);
                    }
                });
            }
            producer.flush();
        }
        System.out.printf(
                "%s: %d tips sent in %.1f s%n",
                TIPS_SUBMITTED, tips, (System.currentTimeMillis() - firstSent) / 1000.0);
        records.awaitReceived(lastPerPartition.values(), patience);
        Map<String, Long> received = records.receivedAt(tipIds);
        double cpu = ProcessCpu.millis(pid) - cpuBefore;
        long lastReceived =
                received.values().stream().mapToLong(Long::longValue).max().orElse(firstSent);
        double seconds = Math.max(1, lastReceived - firstSent) / 1000.0;
        String name = "backlog of " + tips + " tips";
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.value(Benchmark.PIPELINE, name + ": tips/s worked off", received.size() / seconds));
        if (!received.isEmpty()) {
            figures.add(Figure.value(Benchmark.CPU, "ms CPU per tip of the " + name, cpu / received.size()));
        }
        if (received.size() < tips) {
            System.out.printf("%s: %d of them not in the queue after %s%n", name, tips - received.size(), patience);
            figures.add(Figure.value(Benchmark.PIPELINE, name + ": not in the queue", tips - received.size()));
        }
        return figures;
    }
}
