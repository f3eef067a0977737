package org.newsdesk.messaging.rebuild;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/** What every service's rebuild command reads the log with. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
public class RebuildAutoConfiguration {

    /**
     * A topic created before its retention was declared (on an older broker's default of seven
     * days, say) gets the declared retention at the next start, instead of expiring the events a
     * rebuild needs.
     */
    @Bean
    static BeanPostProcessor newsdeskTopicConfigsFollowDeclarations() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaAdmin admin) {
                    admin.setModifyTopicConfigs(true);
                }
                return bean;
            }
        };
    }

    @Bean
    TopicReplay newsdeskTopicReplay(ConsumerFactory<?, ?> consumers) {
        return new TopicReplay(consumers);
    }
}
