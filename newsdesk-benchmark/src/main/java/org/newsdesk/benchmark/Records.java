package org.newsdesk.benchmark;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

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
 * polling: tip to queue is moderation's {@code receivedAt} less submission's {@code submittedAt},
 * split at the {@code newsdesk.tips.submitted} record's timestamp (the moment the outbox relay sent it);
 * decision to story is the {@code newsdesk.stories.published} record's timestamp (publishing sends
 * it once the story is stored) less moderation's {@code decision.decidedAt}. The story record
 * itself has no time of storing: its {@code publishedAt} is the decision's time.
 */
final class Records implements AutoCloseable {

    private static final int PAGE = 500;
    private static final String TIPS_SUBMITTED = "newsdesk.tips.submitted";
    private static final String TIPS_DECIDED = "newsdesk.tips.decided";
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

    /**
     * Waits (up to {@code patience}) until moderation holds every tip, then their tip-to-queue
     * times, whole and split where the tip became a Kafka record (that record's own timestamp):
     * submission's outbox relay before it, moderation's intake after it.
     */
    List<Figure> tipToQueue(String group, String name, Collection<String> tipIds, long sinceMillis, Duration patience) {
        Histogram whole = new Histogram(3);
        Histogram relayed = new Histogram(3);
        Histogram taken = new Histogram(3);
        Map<String, Date> received = waitFor(tipIds, "receivedAt", patience);
        Map<String, Long> sent = recordTimes(TIPS_SUBMITTED, received.keySet(), sinceMillis, Duration.ofSeconds(30));
        received.forEach((tipId, at) -> {
            Document tip = submitted.find(eq("_id", tipId)).first();
            Date submittedAt = tip == null ? null : tip.getDate("submittedAt");
            if (submittedAt == null) {
                return;
            }
            record(whole, submittedAt.getTime(), at.getTime());
            Long record = sent.get(tipId);
            if (record != null) {
                record(relayed, submittedAt.getTime(), record);
                record(taken, record, at.getTime());
            }
        });
        long missing = tipIds.size() - received.size();
        return List.of(
                samples(group, name, whole, missing),
                samples(group, name + ": its part in submission's outbox (to the Kafka record)", relayed, missing),
                samples(group, name + ": its part in moderation's intake (Kafka record to queue)", taken, missing));
    }

    /**
     * Waits for each decided tip's story event (up to {@code patience}), then the decision-to-story
     * times, whole and split where the decision became a Kafka record (that record's own timestamp):
     * moderation's outbox relay before it, publishing's listener and its story write after it.
     */
    List<Figure> decisionToStory(
            String group, String name, Collection<String> tipIds, long sinceMillis, Duration patience) {
        Map<String, Date> decided = new HashMap<>();
        for (String tipId : tipIds) {
            Document tip = moderated.find(eq("_id", tipId)).first();
            Document decision = tip == null ? null : tip.get("decision", Document.class);
            if (decision != null && decision.getDate("decidedAt") != null) {
                decided.put(tipId, decision.getDate("decidedAt"));
            }
        }
        Histogram whole = new Histogram(3);
        Histogram relayed = new Histogram(3);
        Histogram published = new Histogram(3);
        Map<String, Long> stories = recordTimes(STORIES_PUBLISHED, decided.keySet(), sinceMillis, patience);
        Map<String, Long> decisions = recordTimes(TIPS_DECIDED, stories.keySet(), sinceMillis, Duration.ofSeconds(30));
        stories.forEach((tipId, at) -> {
            long decidedAt = decided.get(tipId).getTime();
            record(whole, decidedAt, at);
            Long record = decisions.get(tipId);
            if (record != null) {
                record(relayed, decidedAt, record);
                record(published, record, at);
            }
        });
        long missing = tipIds.size() - stories.size();
        return List.of(
                samples(group, name, whole, missing),
                samples(group, name + ": its part in moderation's outbox (to the Kafka record)", relayed, missing),
                samples(group, name + ": its part in publishing (Kafka record to story event)", published, missing));
    }

    /**
     * The timestamp of the first record of each key on a topic since that moment, reading until
     * every key was seen or {@code patience} ran out.
     */
    private Map<String, Long> recordTimes(String topic, Collection<String> keys, long sinceMillis, Duration patience) {
        Map<String, Long> found = new HashMap<>();
        Set<String> missing = new HashSet<>(keys);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
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
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (missing.remove(record.key())) {
                        found.put(record.key(), record.timestamp());
                    }
                }
            }
        }
        return found;
    }

    /** Waits (up to {@code patience}) until moderation holds each of these tips, a look-up per tip. */
    void awaitReceived(Collection<String> tipIds, Duration patience) {
        waitFor(tipIds, "receivedAt", patience);
    }

    /** When moderation received each of these tips it holds, read by {@code _id} a page at a time. */
    Map<String, Long> receivedAt(List<String> tipIds) {
        Map<String, Long> received = new HashMap<>();
        for (int from = 0; from < tipIds.size(); from += PAGE) {
            moderated
                    .find(in("_id", tipIds.subList(from, Math.min(tipIds.size(), from + PAGE))))
                    .projection(new Document("receivedAt", 1))
                    .forEach(tip -> {
                        if (tip.getDate("receivedAt") != null) {
                            received.put(
                                    tip.getString("_id"),
                                    tip.getDate("receivedAt").getTime());
                        }
                    });
        }
        return received;
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

    private static void record(Histogram micros, long fromMillis, long toMillis) {
        micros.recordValue(Math.max(0, toMillis - fromMillis) * 1_000);
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
