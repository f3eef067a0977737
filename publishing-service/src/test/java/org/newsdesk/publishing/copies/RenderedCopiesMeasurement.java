package org.newsdesk.publishing.copies;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryQuery;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Not a test but a measurement, off unless asked for ({@code -Dnewsdesk.measure=true}): reads of the
 * front page, an area page, a story page, the Atom feed and the stories API with about 1,000
 * stories stored, served from their rendered copy against rendered each time (the copy dropped
 * before each request), and a bare Reactor Netty endpoint serving the front page's bytes from
 * memory as the baseline, side by side in one run over one HTTP client. Nothing about time is asserted.
 *
 * <pre>./mvnw -q -o -pl publishing-service test -Dtest=RenderedCopiesMeasurement -Dnewsdesk.measure=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("measurement")
@EnabledIfSystemProperty(named = "newsdesk.measure", matches = "true")
@PublishingIntegrationTest
class RenderedCopiesMeasurement {

    private static final int STORIES = Integer.getInteger("newsdesk.measure.stories", 1_000);
    private static final int ROUNDS = Integer.getInteger("newsdesk.measure.rounds", 300);
    private static final int CLIENTS = Integer.getInteger("newsdesk.measure.clients", 8);
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("newsdesk.measure.seconds", 5));

    private static final List<String> AREAS = List.of("Ilkeston", "Long Eaton", "Sandiacre", "Draycott", "Risley");

    @LocalServerPort
    int port;

    @Autowired
    StoryRepository stories;

    @Autowired
    RenderedCopies copies;

    private String storySlug;

    static {
        // A connection per request, as the integration tests' client does (ConnectionPerRequest):
        // Reactor Netty 1.3.7's keep-alive races leave a request unanswered now and then. Every
        // kind, the bare endpoint included, pays the same loopback handshake.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "connection");
    }

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void readsFromCopiesAgainstRenderingsAndABareEndpoint() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(STORIES));
        Story story = null;
        for (int i = 0; i < STORIES; i++) {
            story = stories.store(new StoryDraft(
                            "measure-" + i,
                            "Measured story " + i + " about the road works",
                            "What happened, told at some length by a resident. ".repeat(20),
                            AREAS.get(i % AREAS.size()),
                            "Roads",
                            start.plus(Duration.ofDays(i)),
                            2))
                    .block();
        }
        storySlug = story.slug();
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("front page", "/");
        paths.put("area page", "/areas/" + StoryQuery.key("Ilkeston"));
        paths.put("story page", "/stories/" + story.slug());
        paths.put("Atom feed", "/feed.atom");
        paths.put("stories API", "/api/stories");

        byte[] front = get(url("/")).body();
        DisposableServer bare = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get(
                        "/",
                        (request, response) ->
                                response.header("Content-Type", "text/html").sendByteArray(Mono.just(front))))
                .bindNow();
        try {
            String bareUrl = "http://127.0.0.1:" + bare.port() + "/";
            // A round thrown away: the JIT compiling every path.
            latencies(paths, bareUrl, 50);
            Map<String, Histogram> one = latencies(paths, bareUrl, ROUNDS);
            System.out.printf(
                    "%nOne reader at a time, %,d stories, %d rounds interleaved (p50 / p99 ms)%n", STORIES, ROUNDS);
            System.out.printf(
                    "%-12s %20s %20s %20s %10s%n", "", "bare, same bytes", "copy", "rendered", "copy/rendered");
            Histogram bareOne = one.get("bare");
            for (String name : paths.keySet()) {
                Histogram copy = one.get(name + " copy");
                Histogram rendered = one.get(name + " rendered");
                System.out.printf(
                        "%-12s %9.2f / %-8.2f %9.2f / %-8.2f %9.2f / %-8.2f %9.1fx%n",
                        name,
                        ms(bareOne, 50),
                        ms(bareOne, 99),
                        ms(copy, 50),
                        ms(copy, 99),
                        ms(rendered, 50),
                        ms(rendered, 99),
                        rendered.getMean() / copy.getMean());
            }
            System.out.printf("%n%d readers at once for %d s each (requests/s, p99 ms)%n", CLIENTS, LOAD.toSeconds());
            Rate bareRate = rate(bareUrl, () -> {});
            System.out.printf("%-24s %10.0f %10.2f%n", "bare, front page's bytes", bareRate.perSecond, bareRate.p99);
            for (Map.Entry<String, String> path : paths.entrySet()) {
                Rate copy = rate(url(path.getValue()), () -> {});
                Rate rendered = rate(url(path.getValue()), this::dropAll);
                System.out.printf(
                        "%-24s %10.0f %10.2f   rendered %8.0f %10.2f   copy/rendered %5.1fx   copy/bare %4.2f%n",
                        path.getKey(),
                        copy.perSecond,
                        copy.p99,
                        rendered.perSecond,
                        rendered.p99,
                        copy.perSecond / rendered.perSecond,
                        copy.perSecond / bareRate.perSecond);
            }
        } finally {
            bare.disposeNow();
        }
    }

    /** The bare endpoint, then each kind rendered and from its copy, round after round. */
    private Map<String, Histogram> latencies(Map<String, String> paths, String bareUrl, int rounds) throws Exception {
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        latencies.put("bare", histogram());
        for (int round = 0; round < rounds; round++) {
            time(latencies.get("bare"), bareUrl);
            for (Map.Entry<String, String> path : paths.entrySet()) {
                // Rendered (and kept), then served from the copy that rendering left.
                dropAll();
                time(latencies.computeIfAbsent(path.getKey() + " rendered", name -> histogram()), url(path.getValue()));
                time(latencies.computeIfAbsent(path.getKey() + " copy", name -> histogram()), url(path.getValue()));
            }
        }
        return latencies;
    }

    record Rate(double perSecond, double p99) {}

    /** {@link #CLIENTS} readers as fast as they can; {@code before} runs before each request. */
    private Rate rate(String url, Runnable before) throws Exception {
        Histogram latencies = histogram();
        AtomicLong answered = new AtomicLong();
        long end = System.nanoTime() + LOAD.toNanos();
        ExecutorService readers = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int reader = 0; reader < CLIENTS; reader++) {
                running.add(readers.submit(() -> {
                    while (System.nanoTime() < end) {
                        before.run();
                        long started = System.nanoTime();
                        get(url);
                        long took = System.nanoTime() - started;
                        synchronized (latencies) {
                            latencies.recordValue(took);
                        }
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> reader : running) {
                reader.get();
            }
        } finally {
            readers.shutdown();
            readers.awaitTermination(10, TimeUnit.SECONDS);
        }
        return new Rate(answered.get() / (double) LOAD.toSeconds(), ms(latencies, 99));
    }

    /** Drops every copy this measurement reads: the lists, the feeds and its story's page. */
    private void dropAll() {
        copies.refresh(new StoryChange(storySlug, null, null, true, true), "measurement");
    }

    private void time(Histogram histogram, String url) {
        long started = System.nanoTime();
        get(url);
        histogram.recordValue(System.nanoTime() - started);
    }

    private HttpResponse<byte[]> get(String url) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Connection", "close")
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
