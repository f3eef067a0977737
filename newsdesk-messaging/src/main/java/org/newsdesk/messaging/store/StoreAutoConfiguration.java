package org.newsdesk.messaging.store;

import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;

/** Every service's store gets its declared indexes the same way; see {@link StoreIndexes}. */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
            "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration"
        })
@ConditionalOnClass(ReactiveMongoOperations.class)
@ConditionalOnBean(ReactiveMongoOperations.class)
@EnableConfigurationProperties(StoreProperties.class)
public class StoreAutoConfiguration {

    /**
     * A command fails after {@code newsdesk.store.unreachable-after} when the store cannot be
     * reached, not after the driver's 30 s. First of the customizers, so that a
     * {@code serverSelectionTimeoutMS} in the connection string, applied after it, wins.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    MongoClientSettingsBuilderCustomizer newsdeskStoreUnreachableAfter(StoreProperties properties) {
        long millis = properties.unreachableAfter().toMillis();
        return settings -> settings.applyToClusterSettings(
                cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS));
    }

    @Bean
    @ConditionalOnBean(ApplicationAvailability.class)
    StoreWatch newsdeskStoreWatch(
            MongoClient mongo,
            StoreProperties properties,
            ApplicationEventPublisher events,
            ApplicationAvailability availability) {
        return new StoreWatch(mongo, properties.watch(), events, availability, Clock.systemUTC());
    }

    @Bean
    StoreIndexCreator newsdeskStoreIndexCreator(
            ReactiveMongoOperations mongo, ObjectProvider<StoreIndexes> indexes, StoreProperties properties) {
        return new StoreIndexCreator(mongo, indexes.orderedStream().toList(), properties.indexTimeout());
    }
}
