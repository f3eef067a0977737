package org.newsdesk.moderation;

import org.newsdesk.events.Topics;
import org.newsdesk.messaging.TopicDeclarations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModerationProperties.class)
@EnableScheduling
class ModerationConfiguration {

    /** The topic this service reads and the one it writes, each with its dead-letter topic. */
    @Bean
    KafkaAdmin.NewTopics moderationTopics(TopicDeclarations topics) {
        return topics.withDeadLetters(Topics.TIPS_SUBMITTED, Topics.TIPS_DECIDED);
    }
}
