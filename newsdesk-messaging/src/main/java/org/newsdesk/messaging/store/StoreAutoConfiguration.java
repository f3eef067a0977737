package org.newsdesk.messaging.store;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;

/** Every service's store gets its declared indexes the same way; see {@link StoreIndexes}. */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration")
@ConditionalOnClass(ReactiveMongoOperations.class)
@ConditionalOnBean(ReactiveMongoOperations.class)
@EnableConfigurationProperties(StoreProperties.class)
public class StoreAutoConfiguration {

    @Bean
    StoreIndexCreator newsdeskStoreIndexCreator(
            ReactiveMongoOperations mongo, ObjectProvider<StoreIndexes> indexes, StoreProperties properties) {
        return new StoreIndexCreator(mongo, indexes.orderedStream().toList(), properties.indexTimeout());
    }
}
