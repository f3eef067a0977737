package org.newsdesk.messaging;

import com.mongodb.reactivestreams.client.MongoClient;
import org.newsdesk.messaging.outage.MongoProbe;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * Replaces Spring Boot's MongoDB health check, which asks the server {@code hello}: the
 * mongo-java-server behind the embedded run and the tests does not know that command and would
 * report a working database as down. {@code ping} means the same to it and to a real MongoDB.
 */
@AutoConfiguration(
        after = MongoReactiveAutoConfiguration.class,
        before = MongoReactiveHealthContributorAutoConfiguration.class)
@ConditionalOnClass({MongoClient.class, ReactiveHealthIndicator.class})
@ConditionalOnBean(MongoClient.class)
public class MongoPingHealthAutoConfiguration {

    @Bean(name = "mongoHealthIndicator")
    @ConditionalOnMissingBean(name = "mongoHealthIndicator")
    ReactiveHealthIndicator mongoHealthIndicator(MongoClient mongo) {
        return () -> MongoProbe.ping(mongo)
                .map(answer -> Health.up().build())
                .onErrorResume(error -> Mono.just(Health.down(error).build()));
    }
}
