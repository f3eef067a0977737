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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
        kafka = new EmbeddedKafkaKraftBroker(1, 1, "newsdesk.tips.submitted", "newsdesk.tips.decided");
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

    @Test
    void seedLogCopiesATipAndItsDecisionAsTipsOfTheirOwn() {
        // Given a resident's tip and its approval on the log, as the services write them
        String tipId = "tip-" + UUID.randomUUID();
        Instant sent = Instant.parse("2026-11-30T10:00:00Z");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(typed(
                    "newsdesk.tips.submitted",
                    tipId,
                    "newsdesk.tip-submitted",
                    new Document("eventId", UUID.randomUUID().toString())
                            .append("tipId", tipId)
                            .append("revision", 1)
                            .append("receiptDigest", "digest")
                            .append("headline", "Bridge reopens")
                            .append("body", "The bridge on Station Road reopened this morning.")
                            .append("submittedAt", sent.toString())
                            .append("occurredAt", sent.toString())));
            producer.send(typed(
                    "newsdesk.tips.decided",
                    tipId,
                    "newsdesk.tip-decided",
                    new Document("eventId", UUID.randomUUID().toString())
                            .append("tipId", tipId)
                            .append("revision", 2)
                            .append("outcome", "APPROVED")
                            .append("headline", "Bridge reopens")
                            .append("body", "The bridge on Station Road reopened this morning.")
                            .append("decidedAt", sent.plusSeconds(600).toString())
                            .append("occurredAt", sent.plusSeconds(600).toString())));
        }

        // When the log is seeded with three copies
        LogSeed.main(new String[] {"records=3", "kafka=" + kafka.getBrokersAsString(), "await=false"});

        // Then each copy is a tip of its own, sent and decided an hour further back each, its
        // revisions and event types the original's, its receipt and headline its own
        List<ConsumerRecord<String, String>> submitted = all("newsdesk.tips.submitted");
        List<ConsumerRecord<String, String>> decided = all("newsdesk.tips.decided");
        assertThat(submitted).hasSize(4);
        assertThat(decided).hasSize(4);
        for (int copy = 1; copy <= 3; copy++) {
            Document tip = Document.parse(submitted.get(copy).value());
            Document decision = Document.parse(decided.get(copy).value());
            assertThat(tip.getString("tipId")).isNotEqualTo(tipId).isEqualTo(decision.getString("tipId"));
            assertThat(submitted.get(copy).key()).isEqualTo(tip.getString("tipId"));
            assertThat(tip.getString("receiptDigest")).isEqualTo("digest-archive-" + copy);
            assertThat(decision.getString("headline")).isEqualTo("Bridge reopens (archive " + copy + ")");
            assertThat(tip.getInteger("revision")).isEqualTo(1);
            assertThat(decision.getInteger("revision")).isEqualTo(2);
            assertThat(Instant.parse(decision.getString("decidedAt")))
                    .isEqualTo(sent.plusSeconds(600).minus(Duration.ofHours(copy)));
            assertThat(new String(
                            decided.get(copy).headers().lastHeader("__TypeId__").value(), StandardCharsets.UTF_8))
                    .isEqualTo("newsdesk.tip-decided");
        }
        assertThat(submitted.stream().map(ConsumerRecord::key)).doesNotHaveDuplicates();
    }

    @Test
    void backlogCopiesAreTipsOfTheirOwnSentNow() {
        // Given a resident's tip as the services write it
        Instant sent = Instant.parse("2026-11-30T10:00:00Z");
        ProducerRecord<String, String> tip = typed(
                "newsdesk.tips.submitted",
                "tip-1",
                "newsdesk.tip-submitted",
                new Document("eventId", UUID.randomUUID().toString())
                        .append("tipId", "tip-1")
                        .append("receiptDigest", "digest")
                        .append("headline", "Bridge reopens")
                        .append("submittedAt", sent.toString())
                        .append("occurredAt", sent.toString()));
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>(
                tip.topic(),
                0,
                0,
                tip.key().getBytes(StandardCharsets.UTF_8),
                tip.value().getBytes(StandardCharsets.UTF_8));
        tip.headers().forEach(header -> original.headers().add(header));

        // When the backlog copies it
        ProducerRecord<byte[], byte[]> copy = LogSeed.copyOf(original, "tip-2", "backlog 7", Duration.ZERO);

        // Then the copy is a tip of its own, keyed by it, of the same type, at the original's times
        Document copied = Document.parse(new String(copy.value(), StandardCharsets.UTF_8));
        assertThat(new String(copy.key(), StandardCharsets.UTF_8)).isEqualTo("tip-2");
        assertThat(copied.getString("tipId")).isEqualTo("tip-2");
        assertThat(copied.getString("eventId"))
                .isNotEqualTo(Document.parse(tip.value()).getString("eventId"));
        assertThat(copied.getString("headline")).isEqualTo("Bridge reopens (backlog 7)");
        assertThat(copied.getString("receiptDigest")).isEqualTo("digest-backlog-7");
        assertThat(copied.getString("submittedAt")).isEqualTo(sent.toString());
        assertThat(new String(copy.headers().lastHeader("__TypeId__").value(), StandardCharsets.UTF_8))
                .isEqualTo("newsdesk.tip-submitted");
    }

    private static ProducerRecord<String, String> typed(String topic, String key, String type, Document value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value.toJson());
        record.headers().add("__TypeId__", type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Every record of the topic's one partition, oldest first. */
    private static List<ConsumerRecord<String, String>> all(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()),
                new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
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
