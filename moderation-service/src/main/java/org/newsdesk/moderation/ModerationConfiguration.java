package org.newsdesk.moderation;

import org.newsdesk.events.Topics;
import org.newsdesk.messaging.TopicDeclarations;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.messaging.outbox.OutboxRelay;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModerationProperties.class)
class ModerationConfiguration {

    /** Decisions wait in their tip's document until Kafka has them. */
    @Bean
    Outbox tipOutbox(OutboxRelay relay) {
        return relay.outbox(ModeratedTip.COLLECTION);
    }

    /** The topic this service reads and the one it writes, each with its dead-letter topic. */
    @Bean
    KafkaAdmin.NewTopics moderationTopics(TopicDeclarations topics) {
        return topics.withDeadLetters(Topics.TIPS_SUBMITTED, Topics.TIPS_DECIDED);
    }
}
