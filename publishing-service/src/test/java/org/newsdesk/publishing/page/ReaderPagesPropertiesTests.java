package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafProperties;

/** The reader pages' settings as a deployment gives them: through environment variables that may be unset. */
class ReaderPagesPropertiesTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ReaderPagesConfiguration.class)
            .withBean(ThymeleafProperties.class);

    @Test
    void settingsLeftEmptyAreTheDefaults() {
        // Given the variables unset, which application.yml passes on as empty values
        context.withPropertyValues("newsdesk.publishing.pages.site-name=", "newsdesk.publishing.pages.time-zone=")
                // Then the outlet and its calendar are the defaults
                .run(started -> assertThat(started.getBean(ReaderPagesProperties.class))
                        .returns("Erewash Sound", ReaderPagesProperties::siteName)
                        .returns(ZoneId.of("Europe/London"), ReaderPagesProperties::timeZone));
    }

    @Test
    void settingsGivenAreTaken() {
        context.withPropertyValues(
                        "newsdesk.publishing.pages.site-name= Ilkeston Echo ",
                        "newsdesk.publishing.pages.time-zone=Pacific/Auckland")
                .run(started -> assertThat(started.getBean(ReaderPagesProperties.class))
                        .returns("Ilkeston Echo", ReaderPagesProperties::siteName)
                        .returns(ZoneId.of("Pacific/Auckland"), ReaderPagesProperties::timeZone));
    }
}
