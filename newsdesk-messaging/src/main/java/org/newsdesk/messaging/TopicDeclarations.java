package org.newsdesk.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.newsdesk.events.Topics;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Builds the {@link KafkaAdmin.NewTopics} a service declares: each topic it touches together with
 * its dead-letter topic, all sized the same way. Declaring an existing topic is harmless, so every
 * service can declare what it needs without knowing who started first.
 */
public class TopicDeclarations {

    private final NewsdeskKafkaProperties properties;

    TopicDeclarations(NewsdeskKafkaProperties properties) {
        this.properties = properties;
    }

    public KafkaAdmin.NewTopics withDeadLetters(String... topics) {
        List<NewTopic> declared = new ArrayList<>();
        for (String topic : topics) {
            declared.add(topic(topic));
            declared.add(topic(Topics.deadLetterOf(topic)));
        }
        return new KafkaAdmin.NewTopics(declared.toArray(NewTopic[]::new));
    }

    private NewTopic topic(String name) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }
}
