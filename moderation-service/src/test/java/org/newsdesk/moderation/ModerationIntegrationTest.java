package org.newsdesk.moderation;

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
 * The one configuration of every integration test of this service: a real KRaft broker, the
 * in-process MongoDB server, and the whole service on a random port. Being identical for every
 * class, it lets Spring's context cache start all of that once per test JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "newsdesk.moderator.password=" + ModerationIntegrationTest.MODERATOR_PASSWORD,
            "newsdesk.privacy.key=" + ModerationIntegrationTest.PRIVACY_KEY,
            "newsdesk.moderator.display-name=Duty Editor",
            // Not the default (30 minutes), so that a test can tell the setting is applied.
            "newsdesk.moderator.session.idle-timeout=20m",
            "newsdesk.moderator.accounts." + ModerationIntegrationTest.SECOND_MODERATOR + ".display-name=Sam Second",
            // BCrypt of SECOND_PASSWORD at the lowest cost, so that the suite does not spend its time hashing.
            "newsdesk.moderator.accounts." + ModerationIntegrationTest.SECOND_MODERATOR
                    + ".password-hash=$2a$04$FUMuH5.ujyQG0bUaI15M1O7/2XnY2jIoWTHprfzrEBjz1ROGDUBme",
            // Every test calls from the same loopback address: its wrong passwords must not lock out the others.
            "newsdesk.moderator.sign-in.failures-per-client=100000",
            "newsdesk.moderator.sign-in.failures-per-account=100000"
        })
@Import(ConnectionPerRequest.class)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = InProcessMongoInitializer.class)
// A bound on waiting, not a performance target: the machines that run the suite are small and shared.
@AutoConfigureWebTestClient(timeout = "30s")
public @interface ModerationIntegrationTest {

    String MODERATOR = "moderator";
    String MODERATOR_PASSWORD = "Tell-us-YOUR-news-2023";
    String SECOND_MODERATOR = "second";
    String SECOND_PASSWORD = "Second-Moderator-2023";

    /** The master key of the tests' contact vault: base64 of the 32 bytes 0 to 31, never a real one. */
    String PRIVACY_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
}
