package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

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
        context.withPropertyValues(
                        "newsdesk.publishing.pages.site-name=",
                        "newsdesk.publishing.pages.areas=",
                        "newsdesk.publishing.pages.categories=",
                        "newsdesk.publishing.pages.contact-email=")
                // Then the outlet, its places and its topics are the tip form's defaults
                .run(started -> {
                    ReaderPagesProperties site = started.getBean(ReaderPagesProperties.class);
                    assertThat(site.siteName()).isEqualTo("Erewash Sound");
                    assertThat(site.areas())
                            .startsWith("Ilkeston", "Long Eaton")
                            .hasSize(10);
                    assertThat(site.categories()).startsWith("Community safety").hasSize(10);
                    assertThat(site.contactEmail()).isNull();
                });
    }

    @Test
    void settingsGivenAreTaken() {
        context.withPropertyValues(
                        "newsdesk.publishing.pages.site-name= Ilkeston Echo ",
                        "newsdesk.publishing.pages.areas=Ilkeston, Cotmanhay ,",
                        "newsdesk.publishing.pages.categories=Sport")
                .run(started -> {
                    ReaderPagesProperties site = started.getBean(ReaderPagesProperties.class);
                    assertThat(site.siteName()).isEqualTo("Ilkeston Echo");
                    assertThat(site.areas()).containsExactly("Ilkeston", "Cotmanhay");
                    assertThat(site.areaSections())
                            .extracting(StoryListView.Section::key)
                            .containsExactly("ilkeston", "cotmanhay");
                    assertThat(site.categories()).containsExactly("Sport");
                });
    }
}
