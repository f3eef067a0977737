package org.newsdesk.submission.privacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.newsdesk.events.ContactErased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Erases the contact details (and unused photos as received) whose retention period ran out, once
 * at start and then every {@link RetentionProperties#sweepEvery()}. Each receipt holds when its
 * tip's details fall due, in a sparse index, so a round reads only the due ones, in batches of
 * {@link RetentionProperties#sweepBatch()}, and never the whole store. Every erasure goes the
 * resident's way ({@link ContactErasure}): recorded first in a conditional write, so two instances
 * sweeping at once erase a tip once and announce it once; a crash leaves the receipt due, and the
 * next round (here or elsewhere) finishes what was recorded.
 */
// Not in a rebuild run, which has no web server and only rebuilds the receipts.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Component
class RetentionSweep implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    static final String ERASED = "newsdesk.retention.erased";

    private final ErasableTips tips;
    private final ContactErasure erasure;
    private final RetentionProperties retention;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile Disposable running;

    RetentionSweep(
            ErasableTips tips,
            ContactErasure erasure,
            RetentionProperties retention,
            Clock clock,
            MeterRegistry meters) {
        this.tips = tips;
        this.erasure = erasure;
        this.retention = retention;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void run(ApplicationArguments args) {
        running = Flux.interval(Duration.ZERO, retention.sweepEvery())
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(failure -> {
                    log.warn(
                            "The retention sweep stopped early: {}",
                            failure.getClass().getName());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void destroy() {
        Disposable sweeping = running;
        if (sweeping != null) {
            sweeping.dispose();
        }
    }

    /**
     * One full pass: batch after batch, until one is not full or brings nothing new (an erasure
     * that cannot be finished yet stays due, and is not tried twice in one pass).
     *
     * @return how many tips' details this pass erased (erasures it only finished not counted)
     */
    Mono<Long> sweep() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Set<String> tried = ConcurrentHashMap.newKeySet();
        return round(now, tried)
                .expand(done -> done.goOn() ? round(now, tried) : Mono.empty())
                .reduce(new Round(0, 0, false), Round::plus)
                .map(total -> {
                    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                    if (total.erased() > 0 || total.finished() > 0) {
                        log.info(
                                "Retention erased the contact details of {} tips in {} ms ({} erasures finished)",
                                total.erased(),
                                millis,
                                total.finished());
                    }
                    return total.erased();
                });
    }

    private Mono<Round> round(Instant now, Set<String> tried) {
        return tips.due(now, retention.sweepBatch()).collectList().flatMap(batch -> {
            List<ErasableTip> fresh =
                    batch.stream().filter(tip -> tried.add(tip.tipId())).toList();
            return Flux.fromIterable(fresh)
                    .concatMap(tip -> erasure.erase(tip, ContactErased.Cause.RETENTION)
                            .doOnNext(recorded -> {
                                if (recorded) {
                                    counter(tip.state()).increment();
                                }
                            }))
                    .collectList()
                    .map(outcomes -> {
                        long erased =
                                outcomes.stream().filter(Boolean::booleanValue).count();
                        boolean full = batch.size() >= retention.sweepBatch();
                        return new Round(erased, outcomes.size() - erased, full && !fresh.isEmpty());
                    });
        });
    }

    private Counter counter(String state) {
        return Counter.builder(ERASED)
                .description("Tips whose contact details the retention sweep erased, by the tip's state")
                .tag("state", state)
                .register(meters);
    }

    /** @param goOn whether another batch may hold more that is due */
    private record Round(long erased, long finished, boolean goOn) {

        Round plus(Round other) {
            return new Round(erased + other.erased, finished + other.finished, false);
        }
    }
}
