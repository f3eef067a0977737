package org.newsdesk.moderation.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.newsdesk.moderation.ModerationApplication;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.PageSession;
import org.newsdesk.moderation.security.Role;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances behind one database: disabling an account on one ends its page sessions and its
 * API access on both at once, remembered HTTP Basic sign-ins included.
 */
@ModerationIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisabledAccountAcrossInstancesTests {

    private static final String PASSWORD = "Across the instances we go";

    @Autowired
    WebTestClient instanceA;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ApplicationContext context;

    ConfigurableApplicationContext secondInstance;
    WebTestClient instanceB;

    @BeforeAll
    void startASecondInstance() {
        secondInstance = new SpringApplicationBuilder(ModerationApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.mongodb.uri=" + InProcessMongo.connectionString(),
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--newsdesk.moderator.password=" + ModerationIntegrationTest.MODERATOR_PASSWORD,
                        "--newsdesk.privacy.key=" + ModerationIntegrationTest.PRIVACY_KEY,
                        "--newsdesk.moderator.sign-in.failures-per-client=100000",
                        "--newsdesk.moderator.sign-in.failures-per-account=100000");
        int port = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
        instanceB = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(ModerationTestClient.PATIENCE)
                .build();
    }

    @AfterAll
    void stopIt() {
        if (secondInstance != null) {
            secondInstance.close();
        }
    }

    @Test
    void disablingOnOneInstanceEndsSessionsAndApiCallsOnBoth() {
        // Given a person signed in to the pages on both instances, and calling the API on B (remembered there)
        TestAccounts accounts = TestAccounts.in(context);
        String username = accounts.withPassword(TestAccounts.newUsername("casey"), Role.EDITOR, PASSWORD);
        PageSession onA = PageSession.signIn(instanceA, username, PASSWORD);
        PageSession onB = PageSession.signIn(instanceB, username, PASSWORD);
        api(instanceB, username).expectStatus().isOk();
        api(instanceB, username).expectStatus().isOk();

        // When an editor disables the account through instance A's page
        PageSession editor = PageSession.signIn(
                instanceA, ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD);
        editor.post(instanceA, "/accounts/{username}/disable", username)
                .bodyValue("_csrf=" + editor.csrf())
                .exchange()
                .expectStatus()
                .is3xxRedirection();

        // Then the next click on either instance goes to sign in, and the API answers 401 on both
        for (var open : new Object[][] {{instanceA, onA}, {instanceB, onB}}) {
            ((PageSession) open[1])
                    .get((WebTestClient) open[0], "/queue")
                    .exchange()
                    .expectStatus()
                    .isFound()
                    .expectHeader()
                    .location("/login");
        }
        api(instanceB, username).expectStatus().isUnauthorized();
        api(instanceA, username).expectStatus().isUnauthorized();

        // When the account is enabled again
        accounts.enable(username);

        // Then its password works again, but the sessions it had stay ended
        api(instanceB, username).expectStatus().isOk();
        onB.get(instanceB, "/queue").exchange().expectStatus().isFound();
        assertThat(PageSession.signIn(instanceB, username, PASSWORD)).isNotNull();
    }

    private static WebTestClient.ResponseSpec api(WebTestClient web, String username) {
        return web.get()
                .uri("/api/queue?limit=1")
                .headers(headers -> headers.setBasicAuth(username, PASSWORD))
                .exchange();
    }
}
