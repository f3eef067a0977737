package org.newsdesk.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much HTTP Basic costs the moderation API: authenticated calls ({@code GET /api/queue?limit=1}
 * as the moderator) against unauthenticated ones, measured side by side in alternating rounds on
 * one running service, so that a shared, noisy machine affects both alike. The unauthenticated
 * baseline is {@code GET /actuator/health}, which like the queue asks MongoDB once. Reports the
 * median calls per second of each over the rounds, and their ratio.
 *
 * <pre>
 * java -jar newsdesk-benchmark/target/newsdesk-benchmark.jar api-throughput [rounds=6] [seconds=5] [clients=4]
 *     [moderation=http://127.0.0.1:8082] [user=moderator] [password=moderator]
 * </pre>
 */
public final class ApiThroughput {

    /** HTTP/1.1 as browsers and curl speak to the services: no cleartext HTTP/2 upgrade dance to measure. */
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Map<String, String> settings;

    private ApiThroughput(Map<String, String> settings) {
        this.settings = settings;
    }

    static void main(String[] args) throws Exception {
        Map<String, String> settings = Arguments.parse(
                args,
                Map.of(
                        "rounds",
                        "6",
                        "seconds",
                        "5",
                        "clients",
                        "4",
                        "moderation",
                        "http://127.0.0.1:8082",
                        "user",
                        "moderator",
                        "password",
                        "moderator"));
        new ApiThroughput(settings).run(System.out);
    }

    private void run(PrintStream out) throws InterruptedException {
        int rounds = Integer.parseInt(settings.get("rounds"));
        int seconds = Integer.parseInt(settings.get("seconds"));
        int clients = Integer.parseInt(settings.get("clients"));
        String base = settings.get("moderation");
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString((settings.get("user") + ":" + settings.get("password"))
                                .getBytes(StandardCharsets.UTF_8));
        HttpRequest authenticated = HttpRequest.newBuilder(URI.create(base + "/api/queue?limit=1"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpRequest unauthenticated = HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET()
                .build();
        // Warm-up, untimed: JIT, connection pools, and the first (BCrypt) sign-in.
        measure(authenticated, seconds, clients);
        measure(unauthenticated, seconds, clients);
        List<Double> withAuth = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // Alternate which goes first, so neither always meets the machine in the same state.
            if (round % 2 == 0) {
                withAuth.add(measure(authenticated, seconds, clients));
                without.add(measure(unauthenticated, seconds, clients));
            } else {
                without.add(measure(unauthenticated, seconds, clients));
                withAuth.add(measure(authenticated, seconds, clients));
            }
            out.printf(
                    "round %d: authenticated %.0f/s, unauthenticated %.0f/s%n",
                    round + 1, withAuth.get(round), without.get(round));
        }
        double a = median(withAuth);
        double u = median(without);
        out.printf(
                "%d rounds of %d s, %d clients: median authenticated GET /api/queue?limit=1 %.0f/s, "
                        + "unauthenticated GET /actuator/health %.0f/s, ratio %.2f%n",
                rounds, seconds, clients, a, u, a / u);
    }

    /** Calls per second that answered 200, with {@code clients} callers back to back for {@code seconds}. */
    private double measure(HttpRequest request, int seconds, int clients) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        (response.statusCode() == 200 ? ok : failed).incrementAndGet();
                    } catch (Exception error) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        if (failed.get() > 0) {
            System.err.printf("%s: %d calls did not answer 200%n", request.uri(), failed.get());
        }
        return ok.get() / (double) seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
