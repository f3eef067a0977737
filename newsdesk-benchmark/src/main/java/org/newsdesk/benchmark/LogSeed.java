package org.newsdesk.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
 * Fills the log with an archive of decisions, to measure what reads the whole log (the rebuild of
 * a read model): clones the newest approved {@code TipDecided} on {@code newsdesk.tips.decided}
 * {@code records} times, each a tip of its own (fresh event and tip ids, the headline numbered,
 * so each story gets a slug of its own), decided one hour further back per copy, so the archive
 * spreads over the months as a newsroom's does instead of piling into this one. The copies carry
 * the original's headers (its event type), so every consumer reads them as moderation's own. The
 * running publishing service stores them as it would any decision.
 *
 * <pre>java -jar newsdesk-benchmark.jar seed-log records=10000 [kafka=127.0.0.1:9092]</pre>
 */
final class LogSeed {

    private static final String TIPS_DECIDED = "newsdesk.tips.decided";
    private static final JsonWriterSettings PLAIN_JSON =
            JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private LogSeed() {}

    public static void main(String[] args) {
        Map<String, String> settings = Arguments.parse(args, Map.of("records", "10000", "kafka", "127.0.0.1:9092"));
        int records = Integer.parseInt(settings.get("records"));
        ConsumerRecord<byte[], byte[]> template = newestApproval(settings.get("kafka"));
        if (template == null) {
            System.out.println(TIPS_DECIDED + ": no approved decision to copy (approve a tip first)");
            return;
        }
        Document decided = Document.parse(new String(template.value(), StandardCharsets.UTF_8));
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(settings.get("kafka")))) {
            for (int copy = 1; copy <= records; copy++) {
                Document copied = copyOf(decided, copy);
                byte[] key = copied.getString("tipId").getBytes(StandardCharsets.UTF_8);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        TIPS_DECIDED, key, copied.toJson(PLAIN_JSON).getBytes(StandardCharsets.UTF_8));
                template.headers().forEach(header -> record.headers().add(header));
                producer.send(record);
            }
            producer.flush();
        }
        System.out.printf(
                "%s: %d copies in %.1f s%n",
                TIPS_DECIDED,
                records,
                Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
    }

    private static Document copyOf(Document decided, int copy) {
        Document copied = new Document(decided);
        copied.put("eventId", UUID.randomUUID().toString());
        copied.put("tipId", UUID.randomUUID().toString());
        copied.put("revision", 1);
        copied.put("headline", decided.getString("headline") + " (archive " + copy + ")");
        Duration back = Duration.ofHours(copy);
        for (String time : List.of("occurredAt", "decidedAt", "submittedAt")) {
            if (decided.get(time) instanceof String at) {
                copied.put(time, Instant.parse(at).minus(back).toString());
            }
        }
        copied.put("photos", List.of());
        return copied;
    }

    /** The newest approved decision with a headline on the topic, or {@code null}. */
    private static ConsumerRecord<byte[], byte[]> newestApproval(String kafka) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(TIPS_DECIDED)
                    .forEach(info -> partitions.add(new TopicPartition(TIPS_DECIDED, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            ConsumerRecord<byte[], byte[]> newest = null;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Document value = Document.parse(new String(record.value(), StandardCharsets.UTF_8));
                    if ("APPROVED".equals(value.getString("outcome"))
                            && value.getString("headline") != null
                            && (newest == null || record.timestamp() > newest.timestamp())) {
                        newest = record;
                    }
                }
            }
            return newest;
        }
    }

    private static Properties producerProperties(String kafka) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }
}
