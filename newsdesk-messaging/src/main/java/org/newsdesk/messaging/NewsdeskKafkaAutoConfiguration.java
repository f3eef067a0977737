package org.newsdesk.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outage.Dependencies;
import org.newsdesk.messaging.outage.OutageAwareBackOff;
import org.newsdesk.messaging.tracing.TraceContinuation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;

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
            events.updateConfigs(
                    Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
            events.setKeySerializer(new StringSerializer());
            events.setValueSerializer(EventSerialization.valueSerializer());
        };
    }

    /**
     * How long the broker holds a fetch that finds nothing new, unless {@code
     * spring.kafka.consumer.fetch-max-wait} says otherwise. A record that arrives meanwhile is
     * answered at once (a fetch asks for one byte), so this only sets how often an idle consumer
     * asks: Kafka's 500 ms had the dozen idle consumers of an embedded run ask some 20 times a second.
     * Longer still would delay a consumer's part in a rebalance, which it notices between fetches.
     */
    static final Duration IDLE_FETCH_WAIT = Duration.ofSeconds(2);

    @Bean
    DefaultKafkaConsumerFactoryCustomizer newsdeskConsumerConventions() {
        return factory -> {
            @SuppressWarnings("unchecked") // as above
            DefaultKafkaConsumerFactory<String, Object> events = (DefaultKafkaConsumerFactory<String, Object>) factory;
            events.setKeyDeserializer(new StringDeserializer());
            events.setValueDeserializer(EventSerialization.valueDeserializer());
            if (!events.getConfigurationProperties().containsKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)) {
                events.updateConfigs(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) IDLE_FETCH_WAIT.toMillis()));
            }
        };
    }

    /**
     * Sorts failures three ways, so that a message goes to its dead-letter topic only when it is
     * the message's fault, and no partition is blocked by a message that can never succeed:
     * <ul>
     * <li>poison (not deserializable, not convertible to the listener's type, or rejected with
     * {@link UnprocessableEventException}) fails the same way every time: parked at once;
     * <li>a failure that looks like an outage ({@link TransientFailures}: a timeout, an unreachable
     * server) is checked against the service's {@link Dependencies}: when Kafka or MongoDB does not
     * answer, the listener container pauses and tries again until it does, however long that takes,
     * and the record never counts it against itself, so a tip a resident was told is accepted is
     * never parked because a database was restarting. When they all answer, the failure is the
     * record's own (a slow query is not an outage) and it is treated like a bug;
     * <li>anything else is a bug in a listener: a few retries in case it passes, then parked,
     * so the partition moves on and the message can be replayed once the bug is fixed.
     * </ul>
     */
    @Bean
    DefaultErrorHandler newsdeskErrorHandler(
            KafkaOperations<Object, Object> kafkaOperations,
            NewsdeskKafkaProperties properties,
            Dependencies dependencies,
            KafkaListenerEndpointRegistry listenerContainers,
            TaskScheduler newsdeskListenerPauses,
            DeadLetterCount deadLetters) {
        DeadLetterPublishingRecoverer recoverer =
                new DeadLetterPublishingRecoverer(kafkaOperations, (record, exception) -> {
                    log.warn(
                            "Sending {} to its dead-letter topic: {}",
                            RecordMetadataLogging.describe(record),
                            RecordMetadataLogging.describe(exception));
                    deadLetters.parked(record.topic());
                    return new TopicPartition(Topics.deadLetterOf(record.topic()), -1);
                });
        NewsdeskKafkaProperties.Retry retry = properties.retry();
        Supplier<BackOff> bounded = () -> {
            ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.attempts());
            backOff.setInitialInterval(retry.initialInterval().toMillis());
            backOff.setMultiplier(2);
            backOff.setMaxInterval(retry.maxInterval().toMillis());
            return backOff;
        };
        // While a dependency is down neither attempts nor elapsed time are limited: only the end
        // of the outage ends it. Once all answer, the record's own bounded retries apply.
        OutageAwareBackOff outageAware = new OutageAwareBackOff(
                dependencies,
                bounded,
                retry.initialInterval().toMillis(),
                retry.transientMaxInterval().toMillis());

        // The default not-retryable exceptions (deserialization, conversion, ...) stay, and the
        // handler checks them before it asks the back-off function: poison wins over an outage.
        // It asks the function when a record first fails and again whenever the exception's type
        // changes, so a record whose outage ends in a bug gets the bug's bounded retries and one
        // whose bug ends in an outage waits. That is why listeners wait with timeout(d).block():
        // its failure has a type of its own, unlike block(d)'s IllegalStateException.
        // The container pauses during a back-off instead of its consumer thread sleeping: it keeps
        // polling (paused) and so keeps its partitions through an outage of any length.
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(
                (record, failure) -> recoverer.accept(record, recordFailure(failure)),
                bounded.get(),
                new ContainerPausingBackOffHandler(
                        new ListenerContainerPauseService(listenerContainers, newsdeskListenerPauses)));
        errorHandler.addNotRetryableExceptions(UnprocessableEventException.class);
        errorHandler.setBackOffFunction(
                (record, exception) -> TransientFailures.isTransient(exception) ? outageAware : null);
        errorHandler.setRetryListeners((record, exception, deliveryAttempt) -> {
            if (TransientFailures.isTransient(exception)) {
                log.warn(
                        "{} failed on attempt {} the way an outage looks: {}",
                        RecordMetadataLogging.describe(record),
                        deliveryAttempt,
                        RecordMetadataLogging.describe(exception));
            }
        });
        return errorHandler;
    }

    /**
     * The failure a dead letter names: for a batch listener's record, the record's own failure, as
     * for a record listener's, rather than the {@link BatchListenerFailedException} that only says
     * which record of the batch failed.
     */
    static Exception recordFailure(Exception failure) {
        if (failure instanceof ListenerExecutionFailedException listener
                && listener.getCause() instanceof BatchListenerFailedException batch
                && batch.getCause() instanceof Exception own) {
            return new ListenerExecutionFailedException(listener.getMessage(), listener.getGroupId(), own);
        }
        if (failure instanceof BatchListenerFailedException batch && batch.getCause() instanceof Exception own) {
            return own;
        }
        return failure;
    }

    @Bean
    DeadLetterCount newsdeskDeadLetterCount(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry available = registry.getIfAvailable();
        return available == null ? DeadLetterCount.standalone() : new DeadLetterCount(available);
    }

    /** Resumes listener containers paused for a back-off; its threads go with the context. */
    @Bean
    ThreadPoolTaskScheduler newsdeskListenerPauses() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("listener-resume-");
        scheduler.setDaemon(true);
        return scheduler;
    }

    /** Static, as a post-processor must be; it also makes the record formatters metadata-only before any listener starts. */
    @Bean
    static RecordMetadataLogging newsdeskRecordMetadataLogging() {
        return new RecordMetadataLogging();
    }

    /** One per application context, with send threads of its own, which close with the context. */
    @Bean
    EventPublisher newsdeskEventPublisher(
            KafkaOperations<Object, Object> kafkaOperations,
            ObjectProvider<ObservationRegistry> observations,
            Environment environment) {
        String service = environment.getProperty("spring.application.name");
        return new EventPublisher(
                kafkaOperations,
                new TraceContinuation(observations.getIfAvailable(() -> ObservationRegistry.NOOP)),
                service == null ? "kafka-send" : "kafka-send-" + service);
    }

    /** Every event topic and its dead-letter topic, whichever of them this service touches. */
    @Bean
    KafkaAdmin.NewTopics newsdeskTopics(NewsdeskKafkaProperties properties) {
        return new TopicDeclarations(properties).withDeadLetters(Topics.ALL);
    }
}
