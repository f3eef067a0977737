package org.newsdesk.endtoend.operations;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.newsdesk.testsupport.FreePorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Prometheus (Debian's {@code prometheus} package, which {@code .ci/run} installs)
 * scraping services as an operator's would, with the repository's alert rules loaded; and its
 * {@code promtool} checking those rules. Where neither is installed the tests that need them skip,
 * except on CI, where a missing Prometheus is a failure rather than a silent skip.
 */
public final class LocalPrometheus implements AutoCloseable {

    /** The repository's rules, as docker-compose and the README's embedded run load them. */
    public static final Path OPS =
            Path.of("..", "ops", "prometheus").toAbsolutePath().normalize();

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final URI base;

    private LocalPrometheus(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Skips the calling test where Prometheus is not installed, unless on CI. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(binary("prometheus")) && Files.isExecutable(binary("promtool"));
        if (!installed && System.getenv("CI") != null) {
            throw new AssertionError("Prometheus is not installed: .ci/run installs Debian's prometheus package");
        }
        Assumptions.assumeTrue(installed, "Prometheus is not installed (apt-get install prometheus)");
    }

    /** Runs promtool with these arguments; its exit code and output. */
    public static ToolRun promtool(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binary("promtool").toString()));
        command.addAll(List.of(arguments));
        try {
            Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!tool.waitFor(1, TimeUnit.MINUTES)) {
                tool.destroyForcibly();
                throw new AssertionError("promtool did not finish: " + command);
            }
            return new ToolRun(tool.exitValue(), output);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public record ToolRun(int exitCode, String output) {}

    /**
     * Starts Prometheus in {@code folder}, scraping each named service's management port every
     * second (an operator's is every 15 s; a test need not wait that long), with the alert rules.
     *
     * @param targets the application name of each service, with its management port
     */
    public static LocalPrometheus scraping(Path folder, Map<String, Integer> targets) {
        StringBuilder config = new StringBuilder()
                .append("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n")
                .append("rule_files:\n  - ")
                .append(OPS.resolve("newsdesk-alerts.yml"))
                .append('\n')
                .append("scrape_configs:\n  - job_name: newsdesk\n    metrics_path: /actuator/prometheus\n")
                .append("    honor_labels: true\n    static_configs:\n");
        targets.forEach((application, port) -> config.append("      - targets: [\"127.0.0.1:")
                .append(port)
                .append("\"]\n        labels:\n          application: ")
                .append(application)
                .append('\n'));
        int port = FreePorts.loopback();
        try {
            Path configFile = Files.writeString(folder.resolve("prometheus.yml"), config);
            Process process = new ProcessBuilder(
                            binary("prometheus").toString(),
                            "--config.file=" + configFile,
                            "--storage.tsdb.path=" + folder.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("prometheus.log").toFile())
                    .start();
            LocalPrometheus prometheus = new LocalPrometheus(process, URI.create("http://127.0.0.1:" + port));
            await("Prometheus ready").atMost(PATIENCE).until(() -> prometheus.isReady());
            return prometheus;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The health of every scrape target, by the {@code application} label Prometheus gave it. */
    public Map<String, String> targetHealth() {
        Map<String, String> health = new java.util.TreeMap<>();
        for (JsonNode target : api("/api/v1/targets").get("data").get("activeTargets")) {
            health.put(
                    target.get("labels").get("application").asString(),
                    target.get("health").asString());
        }
        return health;
    }

    /** An instant query's result: one sample per series, as its labels and value. */
    public List<Map<String, String>> query(String promql) {
        List<Map<String, String>> series = new ArrayList<>();
        for (JsonNode sample : api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .get("data")
                .get("result")) {
            Map<String, String> labels = new java.util.TreeMap<>();
            sample.get("metric")
                    .properties()
                    .forEach(
                            label -> labels.put(label.getKey(), label.getValue().asString()));
            labels.put("value", sample.get("value").get(1).asString());
            series.add(labels);
        }
        return series;
    }

    /** The names of the alerting rules Prometheus loaded. */
    public List<String> alertRules() {
        List<String> names = new ArrayList<>();
        for (JsonNode group : api("/api/v1/rules?type=alert").get("data").get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                names.add(rule.get("name").asString());
            }
        }
        return names;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean isReady() {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(base.resolve("/-/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException ex) {
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode api(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static Path binary(String name) {
        return Path.of("/usr/bin", name);
    }
}
