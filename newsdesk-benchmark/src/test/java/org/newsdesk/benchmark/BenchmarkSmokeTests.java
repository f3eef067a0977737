package org.newsdesk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A short run of the benchmark's parts so that they cannot rot: the baselines on a real broker and
 * the in-process store, the open-model generator at a small fixed rate against each, and the
 * report from their figures. Nothing is asserted about time: only that every call was answered
 * and the report holds what it should.
 */
class BenchmarkSmokeTests {

    private static final double RATE = 25;
    private static final Duration EACH = Duration.ofMillis(400);
    private static final Pattern ANSWERED = Pattern.compile("\\b2\\d\\d (\\d+)");

    private static EmbeddedKafkaKraftBroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        kafka.destroy();
    }

    @Test
    void measuresEveryBaselineAndWritesTheReport(@TempDir Path folder) throws Exception {
        // Given a story for the raw driver's queries, and the baselines on the broker and the store
        String store = InProcessMongo.connectionString();
        try (MongoClient mongo = MongoClients.create(store)) {
            mongo.getDatabase("newsdesk-publishing")
                    .getCollection("stories")
                    .insertOne(new Document("_id", "story-1")
                            .append("headline", "Bridge reopens")
                            .append("publishedAt", new Date()));
        }
        List<Figure> figures = new ArrayList<>();
        long pid = ProcessHandle.current().pid();
        double cpuBefore = ProcessCpu.millis(pid);
        try (Baselines baselines = Baselines.start(
                kafka.getBrokersAsString(), store, "<html>front page</html>".getBytes(StandardCharsets.UTF_8))) {
            OpenLoad load = new OpenLoad();
            String at = baselines.address();

            // When the generator drives each of them at a small fixed rate
            figures.add(measure(load, Benchmark.INGEST, Benchmark.BARE_STORE, i -> Benchmark.tip(at + "/store", i)));
            figures.add(measure(load, Benchmark.INGEST, Benchmark.BARE_KAFKA, i -> Benchmark.tip(at + "/kafka", i))
                    .against(Benchmark.BARE_STORE));
            figures.add(
                    measure(load, Benchmark.READS, Benchmark.BARE_PAGE, i -> Benchmark.get(URI.create(at + "/page"))));
            figures.add(measure(
                            load,
                            Benchmark.READS,
                            Benchmark.DRIVER_FRONT,
                            i -> Benchmark.get(URI.create(at + "/driver/front")))
                    .against(Benchmark.BARE_PAGE));
            figures.add(measure(
                            load,
                            Benchmark.READS,
                            Benchmark.DRIVER_STORY,
                            i -> Benchmark.get(URI.create(at + "/driver/story/story-1")))
                    .against(Benchmark.BARE_PAGE));
        }
        figures.add(Figure.value(Benchmark.CPU, "ms CPU of this JVM", ProcessCpu.millis(pid) - cpuBefore));
        Path results = folder.resolve("results.tsv");
        Files.write(
                results,
                figures.stream().map(figure -> figure.at("smoke").line()).toList());
        Files.write(
                results,
                figures.stream().map(figure -> figure.at("smoke again").line()).toList(),
                java.nio.file.StandardOpenOption.APPEND);

        // Then the report, written from the results file, has every section and every call answered
        String report = Report.render(Report.read(results), "test");
        Files.writeString(folder.resolve("benchmark-report.md"), report);
        assertThat(report)
                .contains(Report.TITLE, Report.MACHINE, Report.SIDE_BY_SIDE, "## smoke\n", "## smoke again\n")
                .contains("### ingest", "### reads", "### cpu");
        List<String> rows = rows(report, "## smoke\n");
        List<String> loads =
                rows.stream().filter(row -> row.split("\\|").length > 4).toList();
        assertThat(loads).hasSize(5);
        for (String row : loads) {
            Matcher answered = ANSWERED.matcher(row);
            assertThat(answered.find()).as(row).isTrue();
            assertThat(Long.parseLong(answered.group(1)))
                    .as(row)
                    .isEqualTo(Math.round(RATE * EACH.toMillis() / 1000.0));
            assertThat(row).as(row).doesNotContainPattern("unanswered|\\b[45]\\d\\d \\d");
        }
        assertThat(loads)
                .anyMatch(row ->
                        row.startsWith("| " + Benchmark.BARE_KAFKA) && row.contains("rate ") && row.contains("×"));
        assertThat(rows).anyMatch(row -> row.startsWith("| ms CPU of this JVM | ") && !row.contains("| 0.00 |"));
    }

    private static Figure measure(OpenLoad load, String group, String name, IntFunction<HttpRequest> requests)
            throws InterruptedException {
        return load.run(group, name, RATE, EACH, requests, response -> {});
    }

    /** The figures' rows of one size's tables. */
    private static List<String> rows(String report, String heading) {
        String section = report.substring(report.indexOf(heading) + heading.length());
        int next = section.indexOf("\n## ");
        return section.substring(0, next < 0 ? section.length() : next)
                .lines()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| figure") && !line.startsWith("| ---"))
                .toList();
    }
}
