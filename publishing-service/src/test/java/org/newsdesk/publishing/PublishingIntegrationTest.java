package org.newsdesk.publishing;

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
 * The whole publishing service against a real Kafka broker (embedded KRaft) and a real MongoDB
 * wire-protocol server (in process). Every integration test class uses exactly this annotation
 * and nothing else that shapes the context, so the whole suite shares one context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        classes = PublishingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "newsdesk.publishing.public-base-url=" + PublishingIntegrationTest.PUBLIC_BASE_URL,
            "newsdesk.publishing.pages.tip-form-url=" + PublishingIntegrationTest.TIP_FORM_URL,
            // Fail fast into the dead-letter topic instead of waiting out production back-offs.
            "newsdesk.kafka.retry.attempts=1",
            "newsdesk.kafka.retry.initial-interval=50ms",
            "newsdesk.kafka.retry.max-interval=100ms"
        })
@ContextConfiguration(initializers = InProcessMongoInitializer.class)
@Import(ConnectionPerRequest.class)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
// A bound on waiting, not a performance target: the machines that run the suite are small and shared.
@AutoConfigureWebTestClient(timeout = "30s")
public @interface PublishingIntegrationTest {

    /** Deliberately not the default, so tests see the property is used. */
    String PUBLIC_BASE_URL = "https://news.example.org/";

    /** Where the reader pages' footer sends residents with a tip. */
    String TIP_FORM_URL = "https://tips.example.org/";
}
