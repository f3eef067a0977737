package org.newsdesk.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Looks at a Kafka broker from outside the services, with plain Kafka clients: what is on a topic
 * byte for byte, how to put bytes there that no serializer of ours would write, and how far a
 * consumer group has got.
 *
 * <p>Topics are read with partitions assigned by hand, never by joining a consumer group: a test
 * sees exactly what the broker holds rather than what a listener happened to receive, and leaves
 * no groups behind. The probe never creates a topic either, so it cannot race a service's own
 * topic declarations (and their partition counts).
 */
public final class KafkaTopicProbe {

    /** How long the probe waits for the broker, unless told otherwise. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Duration patience;

    public KafkaTopicProbe(String bootstrapServers) {
        this(bootstrapServers, DEFAULT_PATIENCE);
    }

    public KafkaTopicProbe(String bootstrapServers, Duration patience) {
        this.bootstrapServers = bootstrapServers;
        this.patience = patience;
    }

    /** Everything on the topic at this moment, from its beginning, values as UTF-8 strings. */
    public List<ConsumerRecord<String, String>> records(String topic) {
        return readToEnd(topic, new StringDeserializer());
    }

    public List<ConsumerRecord<String, String>> records(String topic, String key) {
        return withKey(records(topic), key);
    }

    /** Everything on the topic at this moment, from its beginning, values exactly as the broker holds them. */
    public List<ConsumerRecord<String, byte[]>> rawRecords(String topic) {
        return readToEnd(topic, new ByteArrayDeserializer());
    }

    public List<ConsumerRecord<String, byte[]>> rawRecords(String topic, String key) {
        return withKey(rawRecords(topic), key);
    }

    /** Waits until a record with the key is on the topic, and returns the first one. */
    public ConsumerRecord<String, String> awaitRecord(String topic, String key) {
        return await().atMost(patience)
                .pollInterval(POLL)
                .until(() -> records(topic, key), records -> !records.isEmpty())
                .get(0);
    }

    /** Sends bytes as they are, with whatever partition and headers the record carries. */
    public RecordMetadata sendRaw(ProducerRecord<String, byte[]> record) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(record).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending a raw record to " + record.topic(), ex);
        } catch (Exception ex) {
            throw new IllegalStateException("Could not send a raw record to " + record.topic(), ex);
        }
    }

    /**
     * Waits until the consumer group has committed past the record, which a Spring listener
     * container does only after its listener returned (or the record went to its dead-letter
     * topic). Lets a test assert that a message changed nothing without sleeping.
     */
    public void awaitConsumed(String groupId, RecordMetadata record) {
        awaitConsumed(groupId, new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    /** The same, for a record read from the topic rather than sent by the test. */
    public void awaitConsumed(String groupId, ConsumerRecord<?, ?> record) {
        awaitConsumed(groupId, new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    private void awaitConsumed(String groupId, TopicPartition partition, long recordOffset) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(patience).pollInterval(POLL).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get();
                OffsetAndMetadata offset = committed.get(partition);
                return offset != null && offset.offset() > recordOffset;
            });
        }
    }

    private <V> List<ConsumerRecord<String, V>> readToEnd(String topic, Deserializer<V> values) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<PartitionInfo> found = consumer.partitionsFor(topic, patience);
            if (found == null || found.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = found.stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, patience);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(patience);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within " + patience);
                }
                consumer.poll(POLL).forEach(records::add);
            }
            return records;
        }
    }

    private static <V> List<ConsumerRecord<String, V>> withKey(List<ConsumerRecord<String, V>> records, String key) {
        return records.stream().filter(record -> key.equals(record.key())).toList();
    }
}
