package org.newsdesk.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Residents and moderators against a running Newsdesk, for a fixed time: {@code clients} residents
 * send tips ({@code POST /api/tips}) back to back, and {@code moderators} take the oldest tip of
 * the queue and approve it. Reports per call the answers by status and the latency percentiles
 * (HdrHistogram, corrected for nothing: each client waits for its answer before it sends again,
 * so this is closed-loop throughput, not an open arrival rate).
 *
 * <pre>
 * java -jar newsdesk-benchmark/target/newsdesk-benchmark.jar [seconds=30] [clients=8] [moderators=2]
 *     [submission=http://127.0.0.1:8081] [moderation=http://127.0.0.1:8082] [password=moderator]
 * </pre>
 * Only loopback addresses are meant: it is for measuring a local run. With {@code api-throughput}
 * as its first argument it measures what signing in costs the moderation API instead (see {@link ApiThroughput});
 * with {@code benchmark} one size of the open-model benchmark (see {@link Benchmark}), with {@code report}
 * its Markdown report (see {@link Report}), with {@code seed-archive} an archive in the store (see
 * {@link ArchiveSeed}), with {@code seed-log} one in the log (see {@link LogSeed}).
 */
public final class TipLoad {

    private static final Pattern TIP_ID = Pattern.compile("\"tipId\"\\s*:\\s*\"([^\"]+)\"");

    /** HTTP/1.1 as browsers and curl speak to the services: no cleartext HTTP/2 upgrade dance to measure. */
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, String> settings;

    private TipLoad(Map<String, String> settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "api-throughput" -> ApiThroughput.main(rest);
            case "benchmark" -> Benchmark.main(rest);
            case "report" -> Report.main(rest);
            case "seed-archive" -> ArchiveSeed.main(rest);
            case "seed-log" -> LogSeed.main(rest);
            default -> load(args);
        }
    }

    private static void load(String[] args) throws InterruptedException {
        Map<String, String> settings = Arguments.parse(
                args,
                Map.of(
                        "seconds",
                        "30",
                        "clients",
                        "8",
                        "moderators",
                        "2",
                        "submission",
                        "http://127.0.0.1:8081",
                        "moderation",
                        "http://127.0.0.1:8082",
                        "password",
                        "moderator"));
        new TipLoad(settings).run(System.out);
    }

    private void run(PrintStream out) throws InterruptedException {
        int seconds = Integer.parseInt(settings.get("seconds"));
        int clients = Integer.parseInt(settings.get("clients"));
        int moderators = Integer.parseInt(settings.get("moderators"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients + moderators);
        for (int i = 0; i < clients; i++) {
            int client = i;
            pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    sendTip(client, n++);
                }
            });
        }
        for (int i = 0; i < moderators; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    approveOldest();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        out.printf("%d s, %d residents, %d moderators%n", seconds, clients, moderators);
        calls.forEach((name, call) -> call.report(name, seconds, out));
    }

    private void sendTip(int client, long n) {
        String body =
                "{\"headline\":\"Load test tip " + client + "-" + n + "\",\"body\":\"Sent by the load generator to "
                        + "measure how many tips a local Newsdesk takes.\",\"area\":\"Ilkeston\",\"category\":\"Community\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.get("submission") + "/api/tips"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        call("POST /api/tips", request);
    }

    private void approveOldest() {
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("moderator:" + settings.get("password")).getBytes(StandardCharsets.UTF_8));
        HttpRequest queue = HttpRequest.newBuilder(URI.create(settings.get("moderation") + "/api/queue?limit=1"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .header("Accept", "application/json")
                .GET()
                .build();
        String answer = call("GET /api/queue", queue);
        Matcher tip = answer == null ? null : TIP_ID.matcher(answer);
        if (tip == null || !tip.find()) {
            return;
        }
        HttpRequest decide = HttpRequest.newBuilder(
                        URI.create(settings.get("moderation") + "/api/tips/" + tip.group(1) + "/decision"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"APPROVED\"}"))
                .build();
        call("POST /api/tips/{id}/decision", decide);
    }

    /** @return the body of a 2xx answer, else {@code null} */
    private String call(String name, HttpRequest request) {
        Call call = calls.computeIfAbsent(name, key -> new Call());
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            call.record(Integer.toString(response.statusCode()), System.nanoTime() - started);
            return response.statusCode() / 100 == 2 ? response.body() : null;
        } catch (Exception failed) {
            call.record(failed.getClass().getSimpleName(), System.nanoTime() - started);
            return null;
        }
    }

    /** One kind of call: answers by status, and the latency of all of them. */
    private static final class Call {

        private final Recorder latencies = new Recorder(3);
        private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();

        void record(String status, long nanos) {
            latencies.recordValue(Math.max(1, nanos / 1000));
            statuses.computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
        }

        void report(String name, int seconds, PrintStream out) {
            Histogram histogram = latencies.getIntervalHistogram();
            List<String> byStatus = new ArrayList<>();
            new TreeMap<>(statuses).forEach((status, count) -> byStatus.add(status + "=" + count));
            out.printf(
                    "%-30s %8.1f/s  p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  max %7.1f ms  %s%n",
                    name,
                    histogram.getTotalCount() / (double) seconds,
                    histogram.getValueAtPercentile(50) / 1000.0,
                    histogram.getValueAtPercentile(90) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0,
                    histogram.getMaxValue() / 1000.0,
                    String.join(" ", byStatus));
        }
    }
}
