package org.newsdesk.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.newsdesk.events.Topics;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The {@link KafkaAdmin.NewTopics} every service declares: each event topic together with its
 * dead-letter topic, all sized the same way. Declaring an existing topic is harmless, so every
 * service declares all of them and can start against an empty broker in any order with the others.
 *
 * <p>The event topics keep every event for ever: the services' read models (stories, receipts,
 * the moderation queue) are rebuilt from them, so an event that expired would be a story or a
 * receipt lost at the next rebuild. Events are small; a newsroom's decade of tips fits in a few
 * gigabytes. Dead-letter topics keep a message for {@link #DEAD_LETTER_RETENTION}: long enough for
 * someone to look at it and replay it once fixed.
 */
final class TopicDeclarations {

    static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(90);

    private final NewsdeskKafkaProperties properties;

    TopicDeclarations(NewsdeskKafkaProperties properties) {
        this.properties = properties;
    }

    KafkaAdmin.NewTopics withDeadLetters(List<String> topics) {
        List<NewTopic> declared = new ArrayList<>();
        for (String topic : topics) {
            declared.add(topic(topic, -1));
            declared.add(topic(Topics.deadLetterOf(topic), DEAD_LETTER_RETENTION.toMillis()));
        }
        return new KafkaAdmin.NewTopics(declared.toArray(NewTopic[]::new));
    }

    private NewTopic topic(String name, long retentionMs) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs))
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }
}
