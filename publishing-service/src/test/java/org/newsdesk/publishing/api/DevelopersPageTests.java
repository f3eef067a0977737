package org.newsdesk.publishing.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API introduces itself: the OpenAPI description names the outlet's API, this build's
 * version, what it offers and whom to ask, and {@code /developers} shows the same description
 * as a page, with no script and nothing from elsewhere, linked from every page's footer.
 */
@PublishingIntegrationTest
class DevelopersPageTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    BuildProperties build;

    @Test
    void theDescriptionNamesTheOutletsApiItsVersionAndWhomToAsk() {
        // When a developer's tool reads the description
        JsonNode info = description().path("info");

        // Then it is the outlet's API, at this build's version, says what it offers and whom to ask
        assertThat(info.path("title").asString()).isEqualTo("Erewash Sound news API");
        assertThat(info.path("version").asString())
                .isEqualTo(build.getVersion())
                .isNotEqualTo("v0");
        assertThat(info.path("description").asString()).contains("Erewash Sound", "stories", "ETag");
        assertThat(info.path("contact").path("name").asString()).isEqualTo("Erewash Sound newsroom");
        assertThat(info.path("contact").path("url").asString()).isEqualTo("https://news.example.org/");
        // And it points to its readable page
        assertThat(description().path("externalDocs").path("url").asString())
                .isEqualTo("https://news.example.org/developers");
    }

    @Test
    void theDevelopersPageShowsEveryEndpointOfTheDescriptionWithoutAScript() {
        // Given the description
        JsonNode description = description();
        List<String> paths = new ArrayList<>();
        description.path("paths").propertyNames().forEach(paths::add);
        assertThat(paths).contains("/api/stories", "/api/stories/{slug}", "/developers");

        // When a developer opens the page for people
        String html = page("/developers");

        // Then it has the title, version and description, and every endpoint with its summary
        JsonNode info = description.path("info");
        assertThat(html)
                .contains("<h1>Erewash Sound news API</h1>")
                .contains("Version " + build.getVersion())
                .contains(HtmlUtils.htmlEscape(info.path("description").asString()))
                .contains("<a href=\"/v3/api-docs\">JSON</a>");
        for (String path : paths) {
            JsonNode get = description.path("paths").path(path).path("get");
            assertThat(html)
                    .as(path)
                    .contains("<code>GET " + path + "</code>")
                    .contains(HtmlUtils.htmlEscape(get.path("summary").asString()));
        }
        // And the parameters, the answers and the shapes of the JSON, credits of photos included
        assertThat(html)
                .contains("<code>cursor</code> <span class=\"field-where\">query, optional</span>")
                .contains("<code>404</code>")
                .contains("<h3 id=\"schema-Photo\"><code>Photo</code></h3>")
                .contains("<code>credit</code> <span class=\"field-where\">string or null, always present</span>");
        // And nothing runs or comes from elsewhere
        assertThat(html).doesNotContain("<script", "https://cdn", "unpkg", "swagger-ui");
    }

    @Test
    void everyPagesFooterLinksTheDevelopersPage() {
        String html = page("/");
        assertThat(html.substring(html.indexOf("<footer"))).contains("<a href=\"/developers\">API for developers</a>");
    }

    private String page(String path) {
        return web.get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode description() {
        return JSON.readTree(web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
    }
}
