package org.newsdesk.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.newsdesk.testsupport.InProcessMongoInitializer;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The shared conventions on a real KRaft broker and the in-process MongoDB. Every integration
 * test class of this module uses exactly this, so they share one context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        classes = KafkaConventionsTests.ConventionsApplication.class,
        properties = {
            "spring.kafka.consumer.group-id=conventions",
            "spring.kafka.consumer.auto-offset-reset=earliest",
            "spring.mongodb.database=newsdesk-messaging",
            "newsdesk.kafka.partitions=1",
            "newsdesk.kafka.retry.initial-interval=10ms",
            "newsdesk.outbox.max-attempts=3",
            "newsdesk.outbox.initial-backoff=20ms",
            "newsdesk.outbox.tick=50ms",
            "spring.kafka.template.observation-enabled=true",
            "management.tracing.sampling.probability=1.0",
            "logging.level.org.apache.kafka=WARN",
            "logging.level.kafka=WARN",
            "logging.level.state.change.logger=WARN"
        })
@AutoConfigureTracing
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = InProcessMongoInitializer.class)
public @interface MessagingIntegrationTest {

    /** The topic the test application declares, with its dead-letter topic, and listens to. */
    String TOPIC = "newsdesk.conventions.test";
}
