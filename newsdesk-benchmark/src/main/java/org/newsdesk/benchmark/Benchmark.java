package org.newsdesk.benchmark;

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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One size of the benchmark against a running embedded run, with its baselines started beside it
 * in this JVM on the same broker and store: ingest over the API at fixed rates (against the bare
 * store insert and the bare Kafka send), the CPU per accepted tip, tip to queue and decision to
 * story from the records' own times, the moderators' queue and decisions, and the reader pages at
 * fixed rates (against the front page's bytes from memory and the raw driver's queries), and last
 * a backlog of tips put on the log at once for the intake to work off ({@link Backlog}). Appends
 * its figures to the results file that {@link Report} turns into Markdown.
 *
 * <pre>
 * java -jar newsdesk-benchmark.jar benchmark size=fresh pid=LAUNCHER_PID [seconds=5] [warmup=10] [ingestRates=50,150]
 *     [readRates=100,300] [queueRate=50] [decisionRate=20] [pipelineTips=20] [backlog=10000] [results=FILE] ...
 * </pre>
 *
 * <p>{@code readRates=} (no rate) leaves the reads out and {@code backlog=0} the backlog: a quick
 * look at the write path alone.
 */
final class Benchmark {

    static final String INGEST = "ingest";
    static final String PIPELINE = "pipeline";
    static final String MODERATION = "moderation";
    static final String READS = "reads";
    static final String CPU = "cpu";
    static final String START = "start";

    static final String BARE_STORE = "bare store insert";
    static final String BARE_KAFKA = "bare Kafka send (acks=all)";
    static final String BARE_PAGE = "bare page bytes from memory";
    static final String DRIVER_FRONT = "raw driver: newest 20 stories";
    static final String DRIVER_STORY = "raw driver: story by _id";

    private static final Pattern TIP_ID = Pattern.compile("\"tipId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STORY_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SLUG = Pattern.compile("\"slug\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern AREA = Pattern.compile("\"area\"\\s*:\\s*\"([^\"]+)\"");

    /** A resident's tip of about 1 KB, as the figures were taken with. */
    private static final String TIP_BODY =
            "Sent by the benchmark to measure how many tips a local Newsdesk takes. ".repeat(12);

    private static final double UNLOADED_RATE = 2;

    private final Map<String, String> settings;
    private final OpenLoad load = new OpenLoad();
    private final Duration duration;
    private final Duration warmUp;
    private final Path results;

    Benchmark(Map<String, String> settings) {
        this.settings = settings;
        this.duration = Duration.ofSeconds(Long.parseLong(settings.get("seconds")));
        this.warmUp = Duration.ofSeconds(Long.parseLong(settings.get("warmup")));
        this.results = Path.of(settings.get("results"));
    }

    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("size", "fresh store");
        defaults.put("pid", Long.toString(ProcessHandle.current().pid()));
        defaults.put("seconds", "5");
        defaults.put("warmup", "10");
        defaults.put("ingestRates", "50,150");
        defaults.put("readRates", "100,300");
        defaults.put("queueRate", "50");
        defaults.put("decisionRate", "20");
        defaults.put("pipelineTips", "20");
        defaults.put("backlog", "10000");
        defaults.put("startSeconds", "");
        defaults.put("submission", "http://127.0.0.1:8081");
        defaults.put("moderation", "http://127.0.0.1:8082");
        defaults.put("publishing", "http://127.0.0.1:8083");
        defaults.put("kafka", "127.0.0.1:9092");
        defaults.put("mongo", "mongodb://127.0.0.1:27017");
        defaults.put("password", "moderator");
        defaults.put("results", "newsdesk-benchmark/target/benchmark/results.tsv");
        return defaults;
    }

    static void main(String[] args) throws Exception {
        new Benchmark(Arguments.parse(args, defaults())).run();
    }

    private void run() throws Exception {
        Files.createDirectories(results.toAbsolutePath().getParent());
        byte[] frontPage = get(settings.get("publishing") + "/");
        try (Baselines baselines = Baselines.start(settings.get("kafka"), settings.get("mongo"), frontPage);
                Records records = new Records(settings.get("mongo"), settings.get("kafka"))) {
            if (!settings.get("startSeconds").isEmpty()) {
                keep(Figure.value(START, "ready after launch (s)", Double.parseDouble(settings.get("startSeconds"))));
            }
            warmUp(baselines);
            List<String> accepted = ingest(baselines, records);
            pipelineUnloaded(records);
            moderators(records, accepted);
            reads(baselines);
            int backlog = Integer.parseInt(settings.get("backlog"));
            if (backlog > 0) {
                Backlog.workOff(
                                settings.get("kafka"),
                                records,
                                Long.parseLong(settings.get("pid")),
                                backlog,
                                Duration.ofMinutes(5))
                        .forEach(this::keep);
            }
        }
    }

    /**
     * Tips at 50/s for the whole warm-up (10 s by default): after 3 s at 20/s the first rate
     * still met JVMs compiling their hot paths, and refused 926 of its 2,000 tips that a later,
     * higher rate took without a refusal.
     */
    private void warmUp(Baselines baselines) throws InterruptedException {
        double rate = 20;
        load.run("", "", 50, warmUp, i -> tip(settings.get("submission") + "/api/tips", i), response -> {});
        load.run("", "", rate, warmUp, i -> tip(baselines.address() + "/store", i), response -> {});
        load.run("", "", rate, warmUp, i -> tip(baselines.address() + "/kafka", i), response -> {});
        for (String path : List.of("/", "/feed.atom", "/api/stories?limit=20", "/search?q=tip")) {
            load.run("", "", rate, warmUp, i -> get(URI.create(settings.get("publishing") + path)), response -> {});
        }
    }

    /** Ingest at each rate, with its baselines at the same rate, and what it cost and how soon tips were queued. */
    private List<String> ingest(Baselines baselines, Records records) throws InterruptedException {
        List<String> accepted = new ArrayList<>();
        long pid = Long.parseLong(settings.get("pid"));
        for (double rate : rates("ingestRates")) {
            List<String> tipIds = Collections.synchronizedList(new ArrayList<>());
            long since = System.currentTimeMillis();
            double cpuBefore = ProcessCpu.millis(pid);
            keep(load.run(
                            INGEST,
                            "POST /api/tips (1 KB)",
                            rate,
                            duration,
                            i -> tip(settings.get("submission") + "/api/tips", i),
                            response -> tipIds.add(first(TIP_ID, response.body())))
                    .against(BARE_STORE, BARE_KAFKA));
            records.tipToQueue(
                            PIPELINE,
                            "tip to queue at " + format(rate) + " tips/s (records)",
                            tipIds,
                            since,
                            Duration.ofMinutes(2))
                    .forEach(this::keep);
            double cpu = ProcessCpu.millis(pid) - cpuBefore;
            // With no tip accepted there is no cost per tip to tell (the answers show why).
            if (!tipIds.isEmpty()) {
                keep(Figure.value(CPU, "ms CPU per accepted tip at " + format(rate) + " tips/s", cpu / tipIds.size()));
            }
            keep(load.run(INGEST, BARE_STORE, rate, duration, i -> tip(baselines.address() + "/store", i), r -> {}));
            keep(load.run(INGEST, BARE_KAFKA, rate, duration, i -> tip(baselines.address() + "/kafka", i), r -> {}));
            accepted.addAll(tipIds);
        }
        return accepted;
    }

    /** One tip at a time: what the records say each step takes when nothing else is going on. */
    private void pipelineUnloaded(Records records) throws InterruptedException {
        int tips = Integer.parseInt(settings.get("pipelineTips"));
        Duration spread = Duration.ofMillis((long) (tips * 1000 / UNLOADED_RATE));
        List<String> tipIds = Collections.synchronizedList(new ArrayList<>());
        long sent = System.currentTimeMillis();
        load.run(
                PIPELINE,
                "",
                UNLOADED_RATE,
                spread,
                i -> tip(settings.get("submission") + "/api/tips", i),
                response -> tipIds.add(first(TIP_ID, response.body())));
        records.tipToQueue(PIPELINE, "tip to queue, unloaded (records)", tipIds, sent, Duration.ofMinutes(1))
                .forEach(this::keep);
        if (tipIds.isEmpty()) {
            return;
        }
        long since = System.currentTimeMillis();
        load.run(PIPELINE, "", UNLOADED_RATE, spread, i -> decision(tipIds.get(i % tipIds.size())), response -> {});
        records.decisionToStory(
                        PIPELINE,
                        "decision to story, unloaded (records and events)",
                        tipIds,
                        since,
                        Duration.ofMinutes(1))
                .forEach(this::keep);
    }

    /** The queue API, and approvals of tips this run sent (each tip once) at a fixed rate. */
    private void moderators(Records records, List<String> accepted) throws InterruptedException {
        keep(load.run(
                MODERATION,
                "GET /api/queue?limit=20",
                Double.parseDouble(settings.get("queueRate")),
                duration,
                i -> moderator(settings.get("moderation") + "/api/queue?limit=20")
                        .GET()
                        .build(),
                response -> {}));
        double rate = Double.parseDouble(settings.get("decisionRate"));
        int decisions = (int) Math.min(accepted.size(), rate * duration.toSeconds());
        if (decisions == 0) {
            return;
        }
        List<String> decided = accepted.subList(0, decisions);
        long since = System.currentTimeMillis();
        long pid = Long.parseLong(settings.get("pid"));
        double cpuBefore = ProcessCpu.millis(pid);
        keep(load.run(
                MODERATION,
                "POST /api/tips/{id}/decision",
                rate,
                Duration.ofMillis((long) (decisions * 1000 / rate)),
                i -> decision(decided.get(i)),
                response -> {}));
        records.decisionToStory(
                        PIPELINE,
                        "decision to story at " + format(rate) + " decisions/s (records and events)",
                        decided,
                        since,
                        Duration.ofMinutes(2))
                .forEach(this::keep);
        // Everything a decision sets off, until its story is announced: moderation's write and relay,
        // publishing's story, index and relay, the receipt's update and the copies' refresh.
        keep(Figure.value(
                CPU,
                "ms CPU per decision at " + format(rate) + " decisions/s",
                (ProcessCpu.millis(pid) - cpuBefore) / decisions));
    }

    /** Every reader page and the stories API, beside the same bytes from memory and the raw driver's query. */
    private void reads(Baselines baselines) throws IOException, InterruptedException {
        String newest = new String(get(settings.get("publishing") + "/api/stories?limit=1"), StandardCharsets.UTF_8);
        String slug = first(SLUG, newest);
        String storyId = first(STORY_ID, newest);
        String area = first(AREA, newest);
        Map<String, IntFunction<String>> pages = new LinkedHashMap<>();
        pages.put("GET / (front page)", i -> "/");
        if (area != null) {
            // The area's page lives at its slug: the name redirects there.
            String areaPage = redirected(
                    settings.get("publishing") + "/areas/" + URLEncoder.encode(area, StandardCharsets.UTF_8));
            pages.put("GET /areas/{area}", i -> areaPage);
        }
        if (slug != null) {
            pages.put("GET /stories/{slug}", i -> "/stories/" + slug);
        }
        // The same words for every reader (a viral story's search, kept as a copy), then words no
        // reader asked before (every one a search of the index: what a search costs uncached).
        pages.put("GET /search?q=tip", i -> "/search?q=tip");
        AtomicInteger newWords = new AtomicInteger();
        pages.put("GET /search?q=tip+{new word}", i -> "/search?q=tip+w" + newWords.incrementAndGet());
        pages.put("GET /feed.atom", i -> "/feed.atom");
        pages.put("GET /api/stories?limit=20", i -> "/api/stories?limit=20");
        for (double rate : rates("readRates")) {
            keep(load.run(
                    READS, BARE_PAGE, rate, duration, i -> get(URI.create(baselines.address() + "/page")), r -> {}));
            if (storyId != null) {
                keep(load.run(
                        READS,
                        DRIVER_STORY,
                        rate,
                        duration,
                        i -> get(URI.create(baselines.address() + "/driver/story/" + storyId)),
                        r -> {}));
            }
            keep(load.run(
                    READS,
                    DRIVER_FRONT,
                    rate,
                    duration,
                    i -> get(URI.create(baselines.address() + "/driver/front")),
                    r -> {}));
            for (Map.Entry<String, IntFunction<String>> page : pages.entrySet()) {
                String publishing = settings.get("publishing");
                Figure figure = load.run(
                        READS,
                        page.getKey(),
                        rate,
                        duration,
                        i -> get(URI.create(publishing + page.getValue().apply(i))),
                        r -> {});
                keep(figure.against(
                        BARE_PAGE, page.getKey().startsWith("GET /stories/") ? DRIVER_STORY : DRIVER_FRONT));
            }
        }
    }

    /** Written to the results file and shown at once: a long run says how far it got, and an interrupted one keeps it. */
    private void keep(Figure figure) {
        try {
            Files.writeString(
                    results,
                    figure.at(settings.get("size")).line() + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        if (figure.single()) {
            System.out.printf("%s %s: %.1f%n", figure.group(), figure.name(), figure.p50());
            return;
        }
        System.out.printf(
                "%s %s at %s/s: %.1f/s, p50 %.1f ms, p99 %.1f ms, %s%n",
                figure.group(),
                figure.name(),
                format(figure.offered()),
                figure.achieved(),
                figure.p50(),
                figure.p99(),
                figure.statuses());
    }

    static HttpRequest tip(String url, int i) {
        String json = "{\"headline\":\"Benchmark tip " + i + "\",\"body\":\"" + TIP_BODY
                + "\",\"area\":\"Ilkeston\",\"category\":\"Community\"}";
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(OpenLoad.TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
    }

    private HttpRequest decision(String tipId) {
        return moderator(settings.get("moderation") + "/api/tips/" + tipId + "/decision")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"APPROVED\"}"))
                .build();
    }

    private HttpRequest.Builder moderator(String url) {
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("moderator:" + settings.get("password")).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(OpenLoad.TIMEOUT)
                .header("Authorization", auth)
                .header("Accept", "application/json");
    }

    static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(OpenLoad.TIMEOUT).GET().build();
    }

    private static byte[] get(String url) throws IOException, InterruptedException {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(get(URI.create(url)), HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    /** The path a page's address redirects to (the address's own path when it does not). */
    private static String redirected(String url) throws IOException, InterruptedException {
        URI landed = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(get(URI.create(url)), HttpResponse.BodyHandlers.discarding())
                .uri();
        return landed.getRawPath();
    }

    /** The rates a setting lists; none for an empty one ({@code readRates=} leaves the reads out). */
    private double[] rates(String setting) {
        if (settings.get(setting).isBlank()) {
            return new double[0];
        }
        return Arrays.stream(settings.get(setting).split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    static String format(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
