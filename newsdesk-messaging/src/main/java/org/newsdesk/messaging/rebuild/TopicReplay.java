package org.newsdesk.messaging.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.newsdesk.events.NewsdeskEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Reads a topic from its beginning up to where it ended when the replay started, outside any
 * consumer group: nothing is committed, no service's offsets move. What cannot be read as an event
 * (what the listeners park on the dead-letter topic) is skipped with a warning, as it was then.
 */
public class TopicReplay {

    private static final Logger log = LoggerFactory.getLogger(TopicReplay.class);

    private static final Duration POLL = Duration.ofMillis(500);

    private final ConsumerFactory<?, ?> consumers;

    public TopicReplay(ConsumerFactory<?, ?> consumers) {
        this.consumers = consumers;
    }

    /**
     * Hands every event of the given type on the topic, oldest first per partition, to
     * {@code apply}, as a typed listener would get them; anything else on the topic is skipped.
     *
     * @return how many events were handed to {@code apply}
     */
    public <E extends NewsdeskEvent> long replay(String topic, Class<E> type, Consumer<E> apply) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long applied = 0;
        try (org.apache.kafka.clients.consumer.Consumer<?, ?> consumer =
                consumers.createConsumer("newsdesk-replay-" + UUID.randomUUID(), null, null, overrides)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!reached(consumer, end)) {
                ConsumerRecords<?, ?> records = consumer.poll(POLL);
                for (ConsumerRecord<?, ?> record : records) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    if (type.isInstance(record.value())) {
                        apply.accept(type.cast(record.value()));
                        applied++;
                    } else {
                        log.warn(
                                "Skipping {}-{}@{}: not a {} ({})",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                type.getSimpleName(),
                                unreadable(record));
                    }
                }
            }
        }
        log.info("Replayed {} event(s) from {}", applied, topic);
        return applied;
    }

    private static boolean reached(
            org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream()
                .allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
    }

    private static String unreadable(ConsumerRecord<?, ?> record) {
        return record.value() == null
                ? "no value or not deserializable"
                : record.value() instanceof DeserializationException
                        ? "not deserializable"
                        : record.value().getClass().getSimpleName();
    }
}
