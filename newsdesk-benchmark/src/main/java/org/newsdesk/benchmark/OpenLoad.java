package org.newsdesk.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-model load: requests leave at a fixed rate, each at its intended start time whatever the
 * answers to the earlier ones do, and each latency runs from that intended start, so a stalled
 * server shows as the latency every waiting reader would have seen (no coordinated omission).
 */
final class OpenLoad {

    /** A request that got no answer in this long counts as an error by its exception's name. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** HTTP/1.1 as browsers and curl speak to the services: no cleartext HTTP/2 upgrade dance to measure. */
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * @param requests the {@code i}-th request of the run
     * @param answers  given every 2xx answer (on the client's threads)
     */
    Figure run(
            String group,
            String name,
            double rate,
            Duration duration,
            IntFunction<HttpRequest> requests,
            Consumer<HttpResponse<String>> answers)
            throws InterruptedException {
        int total = (int) Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        Histogram latencies = new ConcurrentHistogram(3);
        Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder ok = new LongAdder();
        AtomicLong lastAnswer = new AtomicLong();
        CountDownLatch answered = new CountDownLatch(total);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < total; i++) {
            long intended = start + (long) (i * 1e9 / rate);
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = requests.apply(i);
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                latencies.recordValue(Math.max(1, (now - intended) / 1_000));
                String status = failure == null
                        ? Integer.toString(response.statusCode())
                        : rootCause(failure).getClass().getSimpleName();
                statuses.computeIfAbsent(status, key -> new LongAdder()).increment();
                if (failure == null && response.statusCode() / 100 == 2) {
                    ok.increment();
                    answers.accept(response);
                }
                lastAnswer.accumulateAndGet(now, Math::max);
                answered.countDown();
            });
        }
        answered.await(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        double seconds = Math.max(duration.toNanos(), lastAnswer.get() - start) / 1e9;
        Map<String, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
        long unanswered = answered.getCount();
        if (unanswered > 0) {
            byStatus.put("unanswered", unanswered);
        }
        return Figure.of(group, name, rate, ok.sum() / seconds, byStatus, latencies);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
