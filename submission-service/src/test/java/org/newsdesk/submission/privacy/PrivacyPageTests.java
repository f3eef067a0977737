package org.newsdesk.submission.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.newsdesk.submission.OutletProperties;
import org.newsdesk.web.WebAutoConfiguration;
import org.newsdesk.web.time.OutletTimeAutoConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The privacy page states the retention periods this instance is configured with, not the defaults. */
@WebFluxTest(
        controllers = PrivacyPageController.class,
        properties = {
            "newsdesk.retention.declined=45d",
            "newsdesk.retention.published=120d",
            "newsdesk.retention.undecided=12h",
            "newsdesk.submission.outlet.name=Sawley Sentinel"
        })
@EnableConfigurationProperties({OutletProperties.class, RetentionProperties.class})
@ImportAutoConfiguration({WebAutoConfiguration.class, OutletTimeAutoConfiguration.class})
class PrivacyPageTests {

    @Autowired
    WebTestClient web;

    @Test
    void thePageStatesTheConfiguredPeriodsAndTheOutlet() {
        // Given periods other than the defaults
        // When a resident opens the privacy page
        String page = web.get()
                .uri("/privacy")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        // Then it states each period as configured (a withdrawn tip's is a declined one's), and names the outlet
        assertThat(page)
                .contains("<span id=\"period-declined\">45 days</span> after the decision")
                .contains("<span id=\"period-published\">120 days</span> after the story is published")
                .contains("<span id=\"period-undecided\">12 hours</span> after you sent it")
                .contains("<span id=\"period-withdrawn\">45 days</span> after you withdraw it")
                .contains("Sawley Sentinel")
                .contains("POST /api/tips/{receipt}/withdrawal")
                .contains("POST /api/tips/{receipt}/erasure")
                .doesNotContain("30 days")
                .doesNotContain("90 days")
                .doesNotContain("180 days");
    }

    @Test
    void periodsAreSaidInTheLargestWholeUnit() {
        assertThat(PrivacyPageController.inWords(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(PrivacyPageController.inWords(Duration.ofDays(30))).isEqualTo("30 days");
        assertThat(PrivacyPageController.inWords(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(PrivacyPageController.inWords(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    }
}
