package org.newsdesk.submission;

import org.newsdesk.events.Topics;
import org.newsdesk.messaging.TopicDeclarations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SubmissionProperties.class, OutletProperties.class })
class SubmissionConfiguration {

    /**
     * The service writes tips and follows every tip's fate, so it declares all three topics: it
     * must be able to start before the other services have created theirs.
     */
    @Bean
    KafkaAdmin.NewTopics submissionTopics(TopicDeclarations topics) {
        return topics.withDeadLetters(Topics.TIPS_SUBMITTED, Topics.TIPS_DECIDED, Topics.STORIES_PUBLISHED);
    }
}
