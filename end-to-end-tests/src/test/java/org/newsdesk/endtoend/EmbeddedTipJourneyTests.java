package org.newsdesk.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.endtoend.operations.LocalPrometheus;
import org.newsdesk.endtoend.operations.OtlpTraceReceiver;
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
    /** Where the services export their spans, as they would to an operator's collector. */
    private static OtlpTraceReceiver traces;
    /** What the services log, kept to look for a tip's trace id in it. */
    private static final ServiceLines lines = new ServiceLines();

    @BeforeAll
    static void startNewsdesk() {
        kafka = LocalKafkaBroker.start(dataDir, FreePorts.loopback(), FreePorts.loopback());
        mongo = LocalMongoServer.start(dataDir, 0);
        traces = OtlpTraceReceiver.start();
        services = configured(NewsdeskServices.against(kafka.bootstrapServers(), mongo.connectionString()))
                .property("management.opentelemetry.tracing.export.otlp.endpoint", traces.endpoint())
                .property("management.opentelemetry.tracing.export.schedule-delay", "200ms")
                .output(lines.stream())
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
        if (traces != null) {
            traces.close();
        }
    }

    /**
     * What an operator's tracing shows of one tip: a single trace from the resident's request
     * through the moderator's decision, made in a request of its own minutes or days later, to the
     * stored story and the receipt's update, with spans of all three services. The resident's
     * request brings a trace id of its own (as one from a traced proxy would) so that this tip's
     * trace is told apart from the other tests'.
     */
    @Test
    void oneTraceFollowsATipFromTheResidentThroughTheDecisionToItsStoryAndTheReceipt() {
        // Given a resident's tip, sent in a trace
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceParent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        Map<String, Object> accepted = submitTip(
                Map.of(
                        "headline", "Lamp posts dark on Station Road",
                        "body", "Half the street lights on Station Road have been out since Monday.",
                        "area", "Ilkeston",
                        "category", "Community"),
                headers -> headers.set("traceparent", traceParent));
        String tipId = (String) accepted.get("tipId");

        // When a moderator approves it, in a request of their own
        awaitInQueue(tipId);
        decide(tipId, Map.of("outcome", "APPROVED")).expectStatus().isOk();

        // Then the story is published and the receipt says so
        await().atMost(Duration.ofSeconds(30)).until(() -> findStory(tipId), found -> found != null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receipt((String) accepted.get("receipt")).get("status"), "PUBLISHED"::equals);

        // And one trace holds it all: the resident's request, each service's sends, the moderators'
        // queue taking the tip in, publishing storing the story and the receipt's update
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(traces.trace(traceId))
                        .extracting(span -> span.service() + " " + span.kind())
                        .as("spans of trace %s; all received: %s", traceId, traces.spans())
                        .contains(
                                "submission-service SERVER",
                                "submission-service PRODUCER",
                                "moderation-service PRODUCER",
                                "publishing-service PRODUCER",
                                "submission-service CONSUMER"));
        // The receipt's update comes from the story's record: a span under publishing's send
        List<OtlpTraceReceiver.ReceivedSpan> trace = traces.trace(traceId);
        List<String> publishingSends = trace.stream()
                .filter(span -> span.service().equals("publishing-service")
                        && span.kind().equals("PRODUCER"))
                .map(OtlpTraceReceiver.ReceivedSpan::spanId)
                .toList();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(traces.trace(traceId))
                        .filteredOn(span -> span.service().equals("submission-service")
                                && span.kind().equals("CONSUMER")
                                && publishingSends.contains(span.parentSpanId()))
                        .isNotEmpty());
        // The moderator's own request is a trace of its own: the decision joins the tip's
        assertThat(trace)
                .filteredOn(span -> span.service().equals("moderation-service")
                        && span.kind().equals("SERVER"))
                .isEmpty();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
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
            // The consumer meters the lag and stuck-consumer alerts read
            assertThat(prometheus.query("kafka_consumer_fetch_manager_records_lag_max"))
                    .isNotEmpty();
            assertThat(prometheus.query("kafka_consumer_last_poll_seconds_ago")).isNotEmpty();
            assertThat(prometheus.alertRules())
                    .contains(
                            "NewsdeskServiceDown",
                            "NewsdeskServiceNotReady",
                            "NewsdeskConsumerStuck",
                            "NewsdeskTipWaitingOverAnHour");
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
