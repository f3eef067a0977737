package org.newsdesk.messaging.outage;

import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Clock;
import java.util.List;
import org.newsdesk.messaging.TransientFailures;
import org.newsdesk.web.problem.Outage;
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

    /** A web request failed by an outage of Kafka or MongoDB is answered 503 with Retry-After, not 500. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Outage.class)
    static class WebOutageConfiguration {

        @Bean
        Outage newsdeskKafkaAndMongoOutages() {
            return TransientFailures::isTransient;
        }
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
