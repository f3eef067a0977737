package org.newsdesk.privacy;

import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The contact vault over the service's own MongoDB connection, its key store in a database of its
 * own. A service that has a MongoDB and this module on its class path cannot start without a
 * master key ({@link MissingPrivacyKeyException}).
 */
@AutoConfiguration(after = MongoReactiveAutoConfiguration.class)
@ConditionalOnClass(MongoClient.class)
@ConditionalOnBean(MongoClient.class)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ContactVault contactVault(MongoClient mongo, PrivacyProperties properties, ObjectProvider<Clock> clock) {
        return new ContactVault(
                MasterKeys.from(properties),
                KeyStore.in(mongo, properties.database()),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnProperty(prefix = "newsdesk.privacy", name = "key-store-owner", havingValue = "true")
    KeyStoreUpkeep keyStoreUpkeep(ContactVault vault) {
        return new KeyStoreUpkeep(vault);
    }
}
