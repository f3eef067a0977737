package org.newsdesk.messaging.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.newsdesk.messaging.EventPublisher;
import org.newsdesk.messaging.NewsdeskKafkaAutoConfiguration;
import org.newsdesk.messaging.store.StoreIndexes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/** One outbox relay per service that keeps records in MongoDB and sends events to Kafka. */
@AutoConfiguration(
        after = {NewsdeskKafkaAutoConfiguration.class, MongoReactiveAutoConfiguration.class},
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration")
@ConditionalOnClass(ReactiveMongoOperations.class)
@ConditionalOnBean({ReactiveMongoOperations.class, EventPublisher.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxMetrics newsdeskOutboxMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry available = registry.getIfAvailable();
        return available == null ? OutboxMetrics.standalone() : new OutboxMetrics(available);
    }

    @Bean
    OutboxRelay newsdeskOutboxRelay(
            ReactiveMongoOperations mongo,
            EventPublisher publisher,
            OutboxProperties properties,
            OutboxMetrics metrics) {
        return new OutboxRelay(mongo, publisher, properties, metrics, Clock.systemUTC());
    }

    /** The outbox of the service's records, in the collection {@code newsdesk.outbox.collection} names. */
    /**
     * Boot gives the one {@code ConsumerAwareRebalanceListener} bean to every listener container
     * it configures: a service that needs one of its own must call this one from it.
     */
    @Bean
    ConsumerAwareRebalanceListener newsdeskSweepWhenPartitionsMove(OutboxRelay relay) {
        return new SweepWhenPartitionsMove(relay);
    }

    @Bean
    @ConditionalOnProperty("newsdesk.outbox.collection")
    Outbox newsdeskOutbox(OutboxRelay relay, OutboxProperties properties) {
        return relay.outbox(properties.collection());
    }

    @Bean
    @ConditionalOnProperty("newsdesk.outbox.collection")
    StoreIndexes newsdeskOutboxIndexes(OutboxProperties properties) {
        return StoreIndexes.declare()
                .on(properties.collection(), OutboxRelay.waitingIndex(), OutboxRelay.parkedIndex());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class OutboxHealthConfiguration {

        @Bean(name = "outboxHealthIndicator")
        HealthIndicator outboxHealthIndicator(OutboxRelay relay, OutboxMetrics metrics) {
            return new OutboxHealthIndicator(relay, metrics);
        }
    }
}
