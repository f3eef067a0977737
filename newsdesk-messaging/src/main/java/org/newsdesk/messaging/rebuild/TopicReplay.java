package org.newsdesk.messaging.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.newsdesk.events.NewsdeskEvent;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.serializer.DeserializationException;
import reactor.core.publisher.Flux;

/**
 * Reads a topic from its beginning up to where it ended when the replay started, outside any
 * consumer group: nothing is committed, no service's offsets move. What cannot be read as an event
 * (what the listeners park on the dead-letter topic) is skipped with a warning, as it was then.
 */
public class TopicReplay {

    private static final Logger log = LoggerFactory.getLogger(TopicReplay.class);

    private static final Duration POLL = Duration.ofMillis(500);

    /** Events read before they are written, at most: what bounds the memory a replay takes. */
    static final int CHUNK = 500;

    /** Writes in flight at once: enough to keep a store busy while each waits for its answer. */
    static final int CONCURRENT_WRITES = 8;

    /** For one chunk's writes; each write is quick, a chunk of them waits for the store's turns. */
    private static final Duration CHUNK_TIMEOUT = Duration.ofMinutes(5);

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

    /**
     * As {@link #replay}, but for events that each make a write: {@code write} is subscribed to
     * for several events at a time. Events of one tip are written one after another in the log's
     * order (a tip's events are on one partition, in order), those of different tips side by side.
     * Events are read {@value #CHUNK} at a time and a chunk is written before the next is read,
     * so a tip's order holds across chunks too. Writing one event at a time, and waiting for each,
     * made a rebuild take hours for a newsroom's archive.
     *
     * @return how many events were written
     */
    public <E extends NewsdeskEvent> long apply(String topic, Class<E> type, Function<E, Publisher<?>> write) {
        List<E> chunk = new ArrayList<>(CHUNK);
        long applied = replay(topic, type, event -> {
            chunk.add(event);
            if (chunk.size() == CHUNK) {
                writeAll(chunk, write);
                chunk.clear();
            }
        });
        writeAll(chunk, write);
        return applied;
    }

    private static <E extends NewsdeskEvent> void writeAll(List<E> events, Function<E, Publisher<?>> write) {
        Map<String, List<E>> byTip = new LinkedHashMap<>();
        events.forEach(event ->
                byTip.computeIfAbsent(event.tipId(), tip -> new ArrayList<>()).add(event));
        Flux.fromIterable(byTip.values())
                .flatMap(ofOneTip -> Flux.fromIterable(ofOneTip).concatMap(write), CONCURRENT_WRITES)
                .then()
                .block(CHUNK_TIMEOUT);
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
