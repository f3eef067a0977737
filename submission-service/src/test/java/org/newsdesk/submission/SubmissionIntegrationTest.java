package org.newsdesk.submission;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.newsdesk.testsupport.ConnectionPerRequest;
import org.newsdesk.testsupport.InProcessMongoInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a real embedded KRaft broker and the JVM's in-process MongoDB. Every
 * integration test class uses exactly this, so Spring's context cache gives them all one
 * context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Only retryable failures wait between attempts; keep those short.
            "newsdesk.kafka.retry.initial-interval=50ms",
            "newsdesk.kafka.retry.max-interval=200ms",
            // Tests name their clients in X-Forwarded-For, as a proxy in front of the service would.
            DistinctClients.TRUSTED_PROXIES,
            TestClock.PRIVACY_KEY
        })
@Import({DistinctClients.class, TestClock.InTests.class, ConnectionPerRequest.class})
// The service's three listeners share one consumer group: let it form at once rather than after the broker's default
// pause.
@EmbeddedKafka(
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = "group.initial.rebalance.delay.ms=0")
@ContextConfiguration(initializers = InProcessMongoInitializer.class)
// A bound on waiting, not a performance target: the machines that run the suite are small and shared.
@AutoConfigureWebTestClient(timeout = "30s")
public @interface SubmissionIntegrationTest {}
