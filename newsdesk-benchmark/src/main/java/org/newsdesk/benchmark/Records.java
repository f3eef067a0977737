package org.newsdesk.benchmark;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;

/**
 * How long tips took through the pipeline, from the times the records and events carry, not from
 * polling: tip to queue is moderation's {@code receivedAt} less submission's {@code submittedAt};
 * decision to story is the {@code newsdesk.stories.published} record's timestamp (publishing sends
 * it once the story is stored) less moderation's {@code decision.decidedAt}. The story record
 * itself has no time of storing: its {@code publishedAt} is the decision's time.
 */
final class Records implements AutoCloseable {

    private static final String STORIES_PUBLISHED = "newsdesk.stories.published";

    private final MongoClient mongo;
    private final MongoCollection<Document> submitted;
    private final MongoCollection<Document> moderated;
    private final String kafka;

    Records(String store, String kafka) {
        this.mongo = MongoClients.create(store);
        this.submitted = mongo.getDatabase("newsdesk-submission").getCollection("tips");
        this.moderated = mongo.getDatabase("newsdesk-moderation").getCollection("tips");
        this.kafka = kafka;
    }

    /** Waits (up to {@code patience}) until moderation holds every tip, then their tip-to-queue times. */
    Figure tipToQueue(String group, String name, Collection<String> tipIds, Duration patience) {
        Histogram micros = new Histogram(3);
        Map<String, Date> received = waitFor(tipIds, "receivedAt", patience);
        received.forEach((tipId, at) -> {
            Document tip = submitted.find(eq("_id", tipId)).first();
            if (tip != null && tip.getDate("submittedAt") != null) {
                record(micros, tip.getDate("submittedAt"), at.getTime());
            }
        });
        return samples(group, name, micros, tipIds.size() - received.size());
    }

    /** Waits for each decided tip's story event (up to {@code patience}), then the decision-to-story times. */
    Figure decisionToStory(String group, String name, Collection<String> tipIds, long sinceMillis, Duration patience) {
        Map<String, Date> decided = new HashMap<>();
        for (String tipId : tipIds) {
            Document tip = moderated.find(eq("_id", tipId)).first();
            Document decision = tip == null ? null : tip.get("decision", Document.class);
            if (decision != null && decision.getDate("decidedAt") != null) {
                decided.put(tipId, decision.getDate("decidedAt"));
            }
        }
        Histogram micros = new Histogram(3);
        Set<String> missing = new HashSet<>(decided.keySet());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(STORIES_PUBLISHED).stream()
                    .map(info -> new TopicPartition(STORIES_PUBLISHED, info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(partition -> since.put(partition, sinceMillis));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            partitions.forEach(partition -> consumer.seek(
                    partition,
                    offsets.get(partition) == null
                            ? ends.get(partition)
                            : offsets.get(partition).offset()));
            long deadline = System.nanoTime() + patience.toNanos();
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> story : consumer.poll(Duration.ofMillis(200))) {
                    if (missing.remove(story.key())) {
                        record(micros, decided.get(story.key()), story.timestamp());
                    }
                }
            }
        }
        return samples(group, name, micros, tipIds.size() - decided.size() + missing.size());
    }

    /**
     * Asks for one tip at a time, in the order they were accepted (about the order they arrive), so
     * that waiting costs the store under measurement one look-up per tip and not a sweep per round;
     * at the end, one sweep for those that came after a tip that never did.
     */
    private Map<String, Date> waitFor(Collection<String> tipIds, String field, Duration patience) {
        Map<String, Date> found = new HashMap<>();
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> missing = new ArrayList<>(tipIds);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Date at = moderatedAt(missing.get(0), field);
            if (at == null) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            } else {
                found.put(missing.remove(0), at);
            }
        }
        for (String tipId : missing) {
            Date at = moderatedAt(tipId, field);
            if (at != null) {
                found.put(tipId, at);
            }
        }
        return found;
    }

    private Date moderatedAt(String tipId, String field) {
        Document tip = moderated.find(eq("_id", tipId)).first();
        return tip == null ? null : tip.getDate(field);
    }

    private static void record(Histogram micros, Date from, long toMillis) {
        micros.recordValue(Math.max(0, toMillis - from.getTime()) * 1_000);
    }

    private static Figure samples(String group, String name, Histogram micros, long missing) {
        Map<String, Long> statuses = new TreeMap<>();
        statuses.put("samples", micros.getTotalCount());
        if (missing > 0) {
            statuses.put("missing", missing);
        }
        return Figure.of(group, name, 0, 0, statuses, micros);
    }

    @Override
    public void close() {
        mongo.close();
    }
}
