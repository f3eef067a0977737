package org.newsdesk.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.mapping.AbstractJavaTypeMapper;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the embedded broker the way the other services would: sends decisions with the
 * service's own conventions, or raw bytes, and reads back what is on a topic.
 *
 * <p>Everything is sent to one partition of {@code newsdesk.tips.decided}. The service handles a
 * partition strictly in order, so once the story of a later message shows up, every message sent
 * before it was handled completely: a test can prove that something did NOT happen without
 * waiting an arbitrary time.
 */
public final class KafkaProbe {

    public static final String TYPE_HEADER = AbstractJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME;

    private static final int PARTITION = 0;

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final KafkaOperations<Object, Object> kafka;
    private final String bootstrapServers;

    public KafkaProbe(KafkaOperations<Object, Object> kafka, String bootstrapServers) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
    }

    public void send(TipDecided decision) {
        await(new ProducerRecord<>(Topics.TIPS_DECIDED, PARTITION, decision.tipId(), decision));
    }

    /** Sends bytes as they are, with the type header only when one is given. */
    public void sendRaw(String key, byte[] value, String typeHeader) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.TIPS_DECIDED, PARTITION, key, value);
        if (typeHeader != null) {
            record.headers().add(TYPE_HEADER, typeHeader.getBytes(StandardCharsets.UTF_8));
        }
        await(record);
    }

    /** The JSON of a decision, without the type header that normally travels with it. */
    public static byte[] json(Object event) {
        return JSON.writeValueAsBytes(event);
    }

    public List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return records(topic).stream().filter(record -> key.equals(record.key())).toList();
    }

    public List<StoryPublished> storiesPublished(String tipId) {
        return records(Topics.STORIES_PUBLISHED, tipId).stream()
                .map(record -> JSON.readValue(record.value(), StoryPublished.class))
                .toList();
    }

    /** Everything on the topic at this moment, from its beginning, without joining a consumer group. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
            }
            return found;
        }
    }

    private void await(ProducerRecord<Object, Object> record) {
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException("Could not send " + record, e);
        }
    }
}
