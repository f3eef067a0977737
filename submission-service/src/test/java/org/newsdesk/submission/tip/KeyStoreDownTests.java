package org.newsdesk.submission.tip;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.newsdesk.media.MediaProperties;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.privacy.UnreachableKeyStore;
import org.newsdesk.submission.TestClock;
import org.newsdesk.submission.TipJson;
import org.newsdesk.submission.photo.PhotoFixtures;
import org.newsdesk.testsupport.InProcessMongoInitializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The service's own store answers, the key store does not: a tip with contact details cannot be
 * sealed, so it is not accepted. It is refused with a 503 the resident can act on, and nothing of
 * it is left behind: no tip, no photo.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            TestClock.PRIVACY_KEY,
            "spring.mongodb.database=newsdesk-submission-key-store-down",
            "spring.kafka.bootstrap-servers=127.0.0.1:" + StoreDownTests.DEAD_PORT,
            "spring.kafka.admin.auto-create=false",
            "spring.kafka.listener.auto-startup=false"
        })
@ContextConfiguration(initializers = InProcessMongoInitializer.class)
@AutoConfigureWebTestClient(timeout = "30s")
@DirtiesContext
class KeyStoreDownTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Autowired
    WebTestClient web;

    @Autowired
    MongoClient mongo;

    @Autowired
    MediaProperties media;

    @Test
    void aTipWhoseDetailsCannotBeSealedIsRefusedAndLeavesNothingBehind() {
        // Given the key store does not answer
        long photosBefore = count(media.database(), media.bucket() + ".files");

        // When a resident sends a tip with contact details and a photo
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("tip", TipJson.write(TipJson.complete())).contentType(MediaType.APPLICATION_JSON);
        body.part("photos", PhotoFixtures.named("street.jpg", PhotoFixtures.noisyJpeg(40, 30)))
                .contentType(MediaType.IMAGE_JPEG);
        web.post()
                .uri("/api/tips")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(body.build())
                .exchange()
                // Then they hear to try again later, and get no receipt
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.receipt")
                .doesNotExist();

        // And no tip was stored, nor any photo
        assertThat(count("newsdesk-submission-key-store-down", SubmittedTips.COLLECTION))
                .isZero();
        assertThat(count(media.database(), media.bucket() + ".files")).isEqualTo(photosBefore);
    }

    private long count(String database, String collection) {
        return Mono.from(mongo.getDatabase(database).getCollection(collection).countDocuments(new Document()))
                .block(PATIENCE);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class DeadKeyStore {

        @Bean
        ContactVault contactVault() {
            return UnreachableKeyStore.vault(TestClock.KEY, StoreDownTests.DEAD_PORT);
        }
    }
}
