package org.newsdesk.messaging.store;

import static org.newsdesk.messaging.RecordMetadataLogging.describe;

import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.newsdesk.messaging.outage.MongoProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Asks the store every second whether it answers, and puts the answer in the service's readiness:
 * after {@code misses} unanswered questions in a row the service stops taking traffic (requests
 * are answered {@code 503} at once, load balancers look elsewhere, {@code newsdesk_ready} drops to
 * 0), and at the first answer it takes traffic again. Without it, every reader and moderator waited
 * for a store that did not answer, a hung one without end.
 *
 * <p>One outage writes two lines: WARN when it starts, INFO when it ends, with how long it lasted.
 * The watch only ever undoes its own refusal: readiness taken down by anything else (a shutdown)
 * stays down.
 */
public class StoreWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoreWatch.class);

    private final MongoClient mongo;
    private final StoreProperties.Watch settings;
    private final ApplicationEventPublisher events;
    private final ApplicationAvailability availability;
    private final Clock clock;
    private final AtomicReference<Disposable> running = new AtomicReference<>();

    /** Written by one question at a time, whichever thread its answer came on. */
    private int missed;

    private Instant firstMissedAt;

    private volatile Instant downSince;

    public StoreWatch(
            MongoClient mongo,
            StoreProperties.Watch settings,
            ApplicationEventPublisher events,
            ApplicationAvailability availability,
            Clock clock) {
        this.mongo = mongo;
        this.settings = settings;
        this.events = events;
        this.availability = availability;
        this.clock = clock;
    }

    /** One question, answered or not within the timeout; never two at a time (see {@link #start}). */
    Mono<Void> ask() {
        return MongoProbe.ping(mongo)
                .timeout(settings.timeout())
                .doOnNext(answer -> answered())
                .doOnError(this::missed)
                .onErrorComplete()
                .then();
    }

    private void answered() {
        missed = 0;
        if (downSince == null) {
            return;
        }
        Duration outage = Duration.between(firstMissedAt, clock.instant());
        downSince = null;
        if (holdsTheServiceOutOfTraffic()) {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
            log.info("MongoDB answers again after {} s: taking traffic again", outage.toSeconds());
        }
    }

    private void missed(Throwable failure) {
        if (missed++ == 0) {
            firstMissedAt = clock.instant();
        }
        if (downSince != null || missed < settings.misses()) {
            return;
        }
        downSince = clock.instant();
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
            log.warn(
                    "MongoDB did not answer {} times in a row ({}): not taking traffic until it does; "
                            + "requests are answered 503 with Retry-After meanwhile",
                    missed,
                    describe(failure));
        }
    }

    /**
     * Whether the service is out of traffic because this watch took it out: the store does not
     * answer. Not while it is out for any other reason, such as its shutdown (Boot takes readiness
     * down when the context closes), when the store still answers.
     */
    public boolean holdsTheServiceOutOfTraffic() {
        AvailabilityChangeEvent<ReadinessState> last = availability.getLastChangeEvent(ReadinessState.class);
        return last != null && last.getSource() == this && last.getState() == ReadinessState.REFUSING_TRAFFIC;
    }

    /** Whether the watch holds the store for out: it missed enough answers, and none came since. */
    boolean seesTheStoreOut() {
        return downSince != null;
    }

    @Override
    public void start() {
        Disposable questions = Flux.interval(settings.interval())
                .onBackpressureDrop()
                .concatMap(tick -> ask(), 1)
                .subscribe();
        Disposable previous = running.getAndSet(questions);
        if (previous != null) {
            previous.dispose();
        }
    }

    @Override
    public void stop() {
        Disposable ticks = running.getAndSet(null);
        if (ticks != null) {
            ticks.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get() != null;
    }
}
