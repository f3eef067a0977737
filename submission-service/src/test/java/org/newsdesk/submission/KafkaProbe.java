package org.newsdesk.submission;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Looks at the embedded broker from outside the service, with plain Kafka clients: what is on a
 * topic byte for byte, how to put bytes there that no serializer of ours would write, and how far
 * the service's consumer group has got.
 */
public final class KafkaProbe {

    /** The service's consumer group, as configured in its yml. */
    public static final String SERVICE_GROUP = "submission-service";

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker;

    public KafkaProbe(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** Reads the topic from the start, values as plain strings, until the record with the key shows up. */
    public ConsumerRecord<String, String> readRaw(String topic, String key) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "probe-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (Consumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(record -> key.equals(record.key()));
            });
            return seen.stream().filter(record -> key.equals(record.key())).findFirst().orElseThrow();
        }
    }

    /** Sends bytes as they are, with whatever headers the record carries. */
    public RecordMetadata sendRaw(ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(record).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not send a raw record to " + record.topic(), ex);
        }
    }

    /**
     * Waits until the service's consumer group has committed past the record, which it does only
     * after its listener returned (or the record went to its dead-letter topic). Lets a test
     * assert that a message changed nothing without sleeping.
     */
    public void awaitConsumed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            await().atMost(PATIENCE).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SERVICE_GROUP)
                        .partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata offset = committed.get(partition);
                return offset != null && offset.offset() > record.offset();
            });
        }
    }
}
