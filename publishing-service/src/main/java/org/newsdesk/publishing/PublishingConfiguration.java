package org.newsdesk.publishing;

import org.newsdesk.events.Topics;
import org.newsdesk.messaging.TopicDeclarations;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.messaging.outbox.OutboxRelay;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublishingProperties.class)
class PublishingConfiguration {

    /** Each story's announcement waits in the story's document until Kafka has it. */
    @Bean
    Outbox storyOutbox(OutboxRelay relay) {
        return relay.outbox(StoryRepository.COLLECTION);
    }

    /**
     * The topic this service consumes and the one it produces, each with its dead-letter topic.
     * Declaring them here means the service starts against an empty broker in any order with
     * the others.
     */
    @Bean
    KafkaAdmin.NewTopics publishingTopics(TopicDeclarations topics) {
        return topics.withDeadLetters(Topics.TIPS_DECIDED, Topics.STORIES_PUBLISHED);
    }
}
