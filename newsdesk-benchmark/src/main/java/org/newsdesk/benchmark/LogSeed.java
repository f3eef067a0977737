package org.newsdesk.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Fills the log with an archive of tips and decisions, to measure what reads the whole log (the
 * rebuild of a read model): clones the newest approved {@code TipDecided} on {@code
 * newsdesk.tips.decided}, and the {@code TipSubmitted} of its tip on {@code
 * newsdesk.tips.submitted}, {@code records} times, each copy a tip of its own (fresh event and tip
 * ids, a receipt digest of its own, the headline numbered, so each story gets a slug of its own),
 * sent and decided one hour further back per copy, so the archive spreads over the months as a
 * newsroom's does instead of piling into this one. The copies carry the originals' headers (their
 * event types), so every consumer reads them as the services' own; the running services store
 * them as they would any tip and decision.
 *
 * <p>It then waits until the services have read the copies ({@code await=false} does not).
 *
 * <pre>java -jar newsdesk-benchmark.jar seed-log records=10000 [kafka=127.0.0.1:9092] [await=true]</pre>
 */
final class LogSeed {

    private static final String TIPS_DECIDED = "newsdesk.tips.decided";
    private static final String TIPS_SUBMITTED = "newsdesk.tips.submitted";
    private static final JsonWriterSettings PLAIN_JSON =
            JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private LogSeed() {}

    public static void main(String[] args) {
        Map<String, String> settings =
                Arguments.parse(args, Map.of("records", "10000", "kafka", "127.0.0.1:9092", "await", "true"));
        int records = Integer.parseInt(settings.get("records"));
        String kafka = settings.get("kafka");
        // A tip whose submission is on the log too (copies made before carry only their decisions).
        Set<String> submitted = new HashSet<>();
        newest(kafka, TIPS_SUBMITTED, value -> value.get("body") != null && submitted.add(value.getString("tipId")));
        ConsumerRecord<byte[], byte[]> decision = newest(
                kafka,
                TIPS_DECIDED,
                value -> "APPROVED".equals(value.getString("outcome"))
                        && value.getString("headline") != null
                        && submitted.contains(value.getString("tipId")));
        if (decision == null) {
            System.out.println(
                    TIPS_DECIDED + ": no approved decision of a submitted tip to copy (approve a tip first)");
            return;
        }
        String tipId = json(decision).getString("tipId");
        ConsumerRecord<byte[], byte[]> submission = newest(
                kafka, TIPS_SUBMITTED, value -> tipId.equals(value.getString("tipId")) && value.get("body") != null);
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(kafka))) {
            for (int copy = 1; copy <= records; copy++) {
                String copiedTip = UUID.randomUUID().toString();
                producer.send(copyOf(submission, copiedTip, "archive " + copy, Duration.ofHours(copy)));
                producer.send(copyOf(decision, copiedTip, "archive " + copy, Duration.ofHours(copy)));
            }
            producer.flush();
        }
        System.out.printf(
                "%s and %s: %d copies in %.1f s%n",
                TIPS_SUBMITTED,
                TIPS_DECIDED,
                records,
                Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
        if (!Boolean.parseBoolean(settings.get("await"))) {
            return;
        }
        long caughtUp = System.nanoTime();
        awaitConsumers(kafka, List.of(TIPS_SUBMITTED, TIPS_DECIDED));
        System.out.printf(
                "the services read them in %.1f s more%n",
                Duration.ofNanos(System.nanoTime() - caughtUp).toMillis() / 1000.0);
    }

    /**
     * Waits until every consumer group that reads the topics has committed their ends: until the
     * running services have stored the archive, so that what is measured next does not compete
     * with them for the machine.
     */
    private static void awaitConsumers(String kafka, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get()
                    .values()
                    .forEach(topic -> topic.partitions()
                            .forEach(partition -> latest.put(
                                    new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) -> ends.put(partition, end.offset()));
            while (true) {
                long behind = 0;
                for (ConsumerGroupListing group :
                        admin.listConsumerGroups().all().get()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                            .partitionsToOffsetAndMetadata()
                            .get();
                    for (Map.Entry<TopicPartition, OffsetAndMetadata> offset : committed.entrySet()) {
                        if (ends.containsKey(offset.getKey()) && offset.getValue() != null) {
                            behind += Math.max(
                                    0,
                                    ends.get(offset.getKey())
                                            - offset.getValue().offset());
                        }
                    }
                }
                if (behind == 0) {
                    return;
                }
                LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("Could not ask the broker how far its consumers are", failed);
        }
    }

    private static Document json(ConsumerRecord<byte[], byte[]> record) {
        return Document.parse(new String(record.value(), StandardCharsets.UTF_8));
    }

    /**
     * A copy of a service's record as a tip of its own: fresh event and tip ids, the headline and
     * the receipt's digest marked with {@code label}, its times {@code back} earlier, no photos;
     * the original's headers (its event type).
     */
    static ProducerRecord<byte[], byte[]> copyOf(
            ConsumerRecord<byte[], byte[]> original, String tipId, String label, Duration back) {
        Document copied = copyOf(json(original), tipId, label, back);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                original.topic(),
                tipId.getBytes(StandardCharsets.UTF_8),
                copied.toJson(PLAIN_JSON).getBytes(StandardCharsets.UTF_8));
        original.headers().forEach(header -> record.headers().add(header));
        return record;
    }

    private static Document copyOf(Document event, String tipId, String label, Duration back) {
        Document copied = new Document(event);
        copied.put("eventId", UUID.randomUUID().toString());
        copied.put("tipId", tipId);
        copied.put("headline", event.getString("headline") + " (" + label + ")");
        if (event.get("receiptDigest") instanceof String digest) {
            copied.put("receiptDigest", digest + "-" + label.replace(' ', '-'));
        }
        for (String time : List.of("occurredAt", "decidedAt", "submittedAt")) {
            if (event.get(time) instanceof String at) {
                copied.put(time, Instant.parse(at).minus(back).toString());
            }
        }
        copied.put("photos", List.of());
        return copied;
    }

    /** The newest record on the topic whose value passes {@code wanted}, or {@code null}. */
    static ConsumerRecord<byte[], byte[]> newest(String kafka, String topic, Predicate<Document> wanted) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            ConsumerRecord<byte[], byte[]> newest = null;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.test(json(record)) && (newest == null || record.timestamp() > newest.timestamp())) {
                        newest = record;
                    }
                }
            }
            return newest;
        }
    }

    static Properties producerProperties(String kafka) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }
}
