package org.newsdesk.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.endtoend.operations.LocalPrometheus;
import org.newsdesk.launcher.LocalKafkaBroker;
import org.newsdesk.launcher.LocalMongoServer;
import org.newsdesk.launcher.NewsdeskServices;
import org.newsdesk.testsupport.FreePorts;

/**
 * The journey on what the embedded run uses, without Docker: the launcher's real KRaft broker and
 * its on-disk MongoDB wire-protocol store in this JVM, in a data folder of this class's own, and
 * the three services from their jars, each in a JVM of its own.
 */
class EmbeddedTipJourneyTests extends TipJourney {

    @TempDir
    static Path dataDir;

    private static LocalKafkaBroker kafka;
    private static LocalMongoServer mongo;
    private static NewsdeskServices services;

    @BeforeAll
    static void startNewsdesk() {
        kafka = LocalKafkaBroker.start(dataDir, FreePorts.loopback(), FreePorts.loopback());
        mongo = LocalMongoServer.start(dataDir, 0);
        services = configured(NewsdeskServices.against(kafka.bootstrapServers(), mongo.connectionString()))
                .start();
    }

    @AfterAll
    static void stopNewsdesk() {
        if (services != null) {
            services.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * What an operator's Prometheus makes of the run: the real Prometheus, with the repository's
     * alert rules, scraping the three services' management ports.
     */
    @Test
    void prometheusScrapesEveryServiceAndLoadsTheAlertRulesThatPromtoolPasses(@TempDir Path folder) {
        LocalPrometheus.assumeInstalled();
        // Given the repository's alert rules, which promtool checks and whose own tests pass
        LocalPrometheus.ToolRun checked = LocalPrometheus.promtool(
                "check",
                "rules",
                LocalPrometheus.OPS.resolve("newsdesk-alerts.yml").toString());
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        LocalPrometheus.ToolRun tested = LocalPrometheus.promtool(
                "test",
                "rules",
                LocalPrometheus.OPS.resolve("newsdesk-alerts.test.yml").toString());
        assertThat(tested.exitCode()).as(tested.output()).isZero();

        // When Prometheus scrapes the three services on their management ports
        Map<String, Integer> targets = new LinkedHashMap<>();
        for (NewsdeskServices.RunningService service :
                List.of(services.submission(), services.moderation(), services.publishing())) {
            targets.put(service.service().shortName() + "-service", service.managementPort());
        }
        try (LocalPrometheus prometheus = LocalPrometheus.scraping(folder, targets)) {
            // Then every target is up, each service says it is ready, Newsdesk's own meters are there,
            // and the alerts are loaded with none of them firing on a healthy run
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(prometheus.targetHealth())
                            .containsExactlyInAnyOrderEntriesOf(Map.of(
                                    "submission-service", "up",
                                    "moderation-service", "up",
                                    "publishing-service", "up")));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(prometheus.query("newsdesk_ready"))
                            .extracting(series -> series.get("application") + "=" + series.get("value"))
                            .containsExactlyInAnyOrder(
                                    "submission-service=1", "moderation-service=1", "publishing-service=1"));
            assertThat(prometheus.query("newsdesk_tips_accepted_total")).isNotEmpty();
            assertThat(prometheus.query("newsdesk_queue_tips_waiting")).hasSize(1);
            assertThat(prometheus.query("kafka_consumer_fetch_manager_records_lag_max"))
                    .isNotEmpty();
            assertThat(prometheus.alertRules())
                    .contains("NewsdeskServiceDown", "NewsdeskServiceNotReady", "NewsdeskTipWaitingOverAnHour");
            assertThat(prometheus.query("ALERTS{alertstate=\"firing\"}")).isEmpty();
        }
    }

    @Override
    NewsdeskServices services() {
        return services;
    }

    @Override
    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    String mongoConnectionString() {
        return mongo.connectionString();
    }
}
