package org.newsdesk.messaging.outage;

import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The probes that tell an outage of Kafka or MongoDB from a failure of one record. */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, MongoReactiveAutoConfiguration.class})
public class OutageAutoConfiguration {

    @Bean
    KafkaProbe newsdeskKafkaProbe(KafkaAdmin admin) {
        return new KafkaProbe(admin.getConfigurationProperties());
    }

    @Bean
    Dependencies newsdeskDependencies(List<DependencyProbe> probes) {
        return new Dependencies(probes, Clock.systemUTC());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoClient.class)
    @ConditionalOnBean(MongoClient.class)
    static class MongoProbeConfiguration {

        @Bean
        MongoProbe newsdeskMongoProbe(MongoClient mongo) {
            return new MongoProbe(mongo);
        }
    }
}
