package org.newsdesk.moderation;

import org.newsdesk.events.Topics;
import org.newsdesk.messaging.TopicDeclarations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModerationProperties.class)
@EnableScheduling
class ModerationConfiguration {

    /** The topic this service reads and the one it writes, each with its dead-letter topic. */
    @Bean
    KafkaAdmin.NewTopics moderationTopics(TopicDeclarations topics) {
        return topics.withDeadLetters(Topics.TIPS_SUBMITTED, Topics.TIPS_DECIDED);
    }

    /**
     * Replaces Boot's MongoDB health check, which asks the server {@code hello}: the embedded
     * mongo-java-server does not know that command and would report a healthy database as down.
     * {@code ping} means the same to both it and a real MongoDB.
     */
    @Bean(name = "mongoHealthIndicator")
    ReactiveHealthIndicator mongoHealthIndicator(ReactiveMongoOperations mongo) {
        return () -> mongo.executeCommand("{ ping: 1 }")
                .map(answer -> Health.up().build())
                .onErrorResume(error -> Mono.just(Health.down(error).build()));
    }
}
