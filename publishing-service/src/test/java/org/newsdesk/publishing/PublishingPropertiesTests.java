package org.newsdesk.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PublishingPropertiesTests {

    @ParameterizedTest
    @ValueSource(strings = {"https://news.example.org", "https://news.example.org/", "https://news.example.org//"})
    void storyUrlsHaveExactlyOneSlashBeforeStories(String base) {
        // Given a public base URL, with or without a trailing slash
        PublishingProperties properties = new PublishingProperties(URI.create(base), null);

        // When a story's URL is built
        // Then it is well-formed either way
        assertThat(properties.storyUrl("a-story")).isEqualTo("https://news.example.org/stories/a-story");
    }

    @Test
    void aBaseUrlLeftEmptyIsTheDefault() {
        // Given the variable unset, which application.yml passes on as an empty value
        Binder settings = new Binder(new MapConfigurationPropertySource(
                Map.of("newsdesk.publishing.public-base-url", "", "newsdesk.publishing.store-timeout", "")));

        // Then the record makes its defaults
        PublishingProperties properties = settings.bindOrCreate("newsdesk.publishing", PublishingProperties.class);
        assertThat(properties.storyUrl("x")).isEqualTo("http://localhost:8083/stories/x");
        assertThat(properties.storeTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theDefaultIsTheLocalPublishingPort() {
        assertThat(new PublishingProperties(null, null).storyUrl("x")).isEqualTo("http://localhost:8083/stories/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"news.example.org", "/stories", "ftp://news.example.org", "mailto:desk@example.org"})
    void aBaseUrlReadersCannotOpenIsRefusedAtStartup(String base) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PublishingProperties(URI.create(base), null));
    }
}
