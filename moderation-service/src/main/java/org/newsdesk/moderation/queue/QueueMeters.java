package org.newsdesk.moderation.queue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.newsdesk.moderation.tip.QueueFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code newsdesk.queue.tips.waiting} and {@code newsdesk.queue.oldest.tip.age}: how many tips
 * wait for a moderator, and how long the oldest has waited, the two numbers that say whether the
 * newsroom keeps up. Read from the queue's order every few seconds rather than when scraped: a
 * gauge is read on the scraper's thread, which must not wait for the store. The age is worked out
 * when scraped, from the oldest tip's submission, so it keeps growing between two readings. Both
 * are NaN (unknown, to Prometheus) until the first reading and after one that failed: a number
 * from before the store stopped answering would tell an operator all is well.
 */
@Component
class QueueMeters implements ApplicationRunner, DisposableBean {

    static final Duration EVERY = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(QueueMeters.class);

    private final QueueOrder order;
    private final Clock clock;
    private final AtomicReference<Reading> last = new AtomicReference<>(Reading.UNKNOWN);
    private volatile Disposable reading;

    QueueMeters(QueueOrder order, MeterRegistry registry) {
        this.order = order;
        this.clock = Clock.systemUTC();
        Gauge.builder("newsdesk.queue.tips.waiting", this, QueueMeters::waiting)
                .description("Tips waiting for a moderator's decision")
                .register(registry);
        TimeGauge.builder("newsdesk.queue.oldest.tip.age", this, TimeUnit.MILLISECONDS, QueueMeters::oldestAgeMillis)
                .description("How long the longest-waiting tip has waited since its submission (0 when none waits)")
                .register(registry);
    }

    @Override
    public void run(ApplicationArguments args) {
        reading = Flux.interval(Duration.ZERO, EVERY)
                .onBackpressureDrop()
                .concatMap(tick -> read().onErrorResume(failure -> {
                    log.debug(
                            "Could not read the queue's size: {}",
                            failure.getClass().getName());
                    last.set(Reading.UNKNOWN);
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void destroy() {
        Disposable running = reading;
        if (running != null) {
            running.dispose();
        }
    }

    /** One reading: the count, and the oldest waiting tip's submission. */
    Mono<Void> read() {
        return order.waiting(QueueFilter.ALL)
                .zipWith(order.waitingAfter(null, QueueFilter.ALL, 1))
                .doOnNext(found -> last.set(new Reading(
                        found.getT1(),
                        found.getT2().isEmpty()
                                ? null
                                : found.getT2().get(0).submission().submittedAt())))
                .then();
    }

    private double waiting() {
        Reading reading = last.get();
        return reading == Reading.UNKNOWN ? Double.NaN : reading.waiting();
    }

    private double oldestAgeMillis() {
        Reading reading = last.get();
        if (reading == Reading.UNKNOWN) {
            return Double.NaN;
        }
        return reading.oldestSubmitted() == null
                ? 0
                : Math.max(
                        0,
                        Duration.between(reading.oldestSubmitted(), clock.instant())
                                .toMillis());
    }

    /** @param oldestSubmitted when the longest-waiting tip was sent; null when none waits */
    private record Reading(long waiting, Instant oldestSubmitted) {

        static final Reading UNKNOWN = new Reading(-1, null);
    }
}
