package org.newsdesk.messaging;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.newsdesk.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

import java.util.Map;

/**
 * Applies Newsdesk's Kafka conventions to the producer and consumer factories Spring Boot builds
 * from {@code spring.kafka.*}, so a service's configuration only names what differs.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(NewsdeskKafkaProperties.class)
public class NewsdeskKafkaAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NewsdeskKafkaAutoConfiguration.class);

    /**
     * A tip only counts as accepted once every in-sync replica has it (acks=all), and a retried
     * send never writes it twice (idempotence).
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer newsdeskProducerConventions() {
        return factory -> {
            @SuppressWarnings("unchecked") // Boot hands over a wildcard factory; keys are tip ids, values events
            DefaultKafkaProducerFactory<String, Object> events = (DefaultKafkaProducerFactory<String, Object>) factory;
            events.updateConfigs(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
            events.setKeySerializer(new StringSerializer());
            events.setValueSerializer(EventSerialization.valueSerializer());
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer newsdeskConsumerConventions() {
        return factory -> {
            @SuppressWarnings("unchecked") // as above
            DefaultKafkaConsumerFactory<String, Object> events = (DefaultKafkaConsumerFactory<String, Object>) factory;
            events.setKeyDeserializer(new StringDeserializer());
            events.setValueDeserializer(EventSerialization.valueDeserializer());
        };
    }

    /**
     * Retries a failing message a few times with growing pauses, then parks it on the topic's
     * dead-letter topic so the partition moves on. Messages that cannot be deserialized are
     * never retried: they would fail the same way every time.
     */
    @Bean
    DefaultErrorHandler newsdeskErrorHandler(KafkaOperations<Object, Object> kafkaOperations,
            NewsdeskKafkaProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaOperations,
                (record, exception) -> {
                    log.warn("Sending {}-{}@{} (key {}) to its dead-letter topic: {}", record.topic(),
                            record.partition(), record.offset(), record.key(),
                            NestedExceptionUtils.getMostSpecificCause(exception).toString());
                    return new TopicPartition(Topics.deadLetterOf(record.topic()), -1);
                });
        NewsdeskKafkaProperties.Retry retry = properties.retry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.attempts());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer, backOff);
        errorHandler.addNotRetryableExceptions(UnprocessableEventException.class);
        return errorHandler;
    }

    @Bean
    EventPublisher newsdeskEventPublisher(KafkaOperations<Object, Object> kafkaOperations) {
        return new EventPublisher(kafkaOperations);
    }

    @Bean
    TopicDeclarations newsdeskTopicDeclarations(NewsdeskKafkaProperties properties) {
        return new TopicDeclarations(properties);
    }
}
