package org.newsdesk.moderation.editorial;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.newsdesk.events.EventTypes;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.TestTips;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Published stories for editors' tests, and the API calls editors make on them. */
final class Stories {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final ModerationTestClient moderation;

    Stories(ModerationTestClient moderation) {
        this.moderation = moderation;
    }

    /** A resident's tip, received and approved as sent: a published story. */
    TipSubmitted published() throws Exception {
        TipSubmitted tip = TestTips.policePlan(TestTips.newTipId());
        moderation.submitAndAwaitQueued(tip);
        moderation
                .decide(tip.tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();
        return tip;
    }

    WebTestClient.ResponseSpec correct(String tipId, String json) {
        return post(
                "/api/tips/{tipId}/correction",
                tipId,
                json,
                ModerationIntegrationTest.MODERATOR,
                ModerationIntegrationTest.MODERATOR_PASSWORD);
    }

    WebTestClient.ResponseSpec retract(String tipId, String json) {
        return post(
                "/api/tips/{tipId}/retraction",
                tipId,
                json,
                ModerationIntegrationTest.MODERATOR,
                ModerationIntegrationTest.MODERATOR_PASSWORD);
    }

    WebTestClient.ResponseSpec post(String uri, String tipId, String json, String user, String password) {
        return moderation
                .web()
                .post()
                .uri(uri, tipId)
                .headers(headers -> headers.setBasicAuth(user, password))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    static List<Error> schemaErrors(String type, String json) {
        try (InputStream schema =
                Stories.class.getClassLoader().getResourceAsStream(EventTypes.schemaLocation(type, 1))) {
            return SCHEMAS.getSchema(schema).validate(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
