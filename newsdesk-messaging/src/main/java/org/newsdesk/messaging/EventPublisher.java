package org.newsdesk.messaging;

import static org.newsdesk.messaging.RecordMetadataLogging.describe;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.messaging.tracing.TraceContinuation;
import org.newsdesk.messaging.tracing.TraceParent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends an event keyed by its tip id and completes once Kafka acknowledged it.
 *
 * <p>{@code KafkaTemplate.send} can block its caller for up to {@code max.block.ms} while it
 * waits for metadata from a broker that is down, so the call is made on threads meant for
 * blocking work: the web server's event loop never waits for Kafka. Those threads belong to this
 * publisher alone, not to Reactor's global {@code boundedElastic()}: the embedded launcher runs
 * every service in one JVM, and a resident's tip must not queue behind another service's sends
 * stuck in a Kafka outage, only to start after the resident was told it was not accepted.
 */
public class EventPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    /** An idle send thread is let go after this long, so the extra threads an outage needed do not linger. */
    private static final int IDLE_THREAD_TTL_SECONDS = 60;

    private final KafkaOperations<Object, Object> kafka;
    private final TraceContinuation traces;
    private final Scheduler sends;

    /**
     * @param threadNamePrefix names the send threads in thread dumps, e.g. {@code kafka-send-moderation-service}
     */
    public EventPublisher(KafkaOperations<Object, Object> kafka, TraceContinuation traces, String threadNamePrefix) {
        // Daemon threads: an idle send thread must never keep a JVM alive.
        this(
                kafka,
                traces,
                Schedulers.newBoundedElastic(
                        Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE,
                        Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE,
                        threadNamePrefix,
                        IDLE_THREAD_TTL_SECONDS,
                        true));
    }

    EventPublisher(KafkaOperations<Object, Object> kafka, TraceContinuation traces, Scheduler sends) {
        this.kafka = kafka;
        this.traces = traces;
        this.sends = sends;
    }

    /**
     * A caller that cancels before the send started (say, a resident's request timed out and was
     * answered 503) can be sure the event is never sent. Reactor drops a queued task when its
     * subscriber cancels, but a pool thread may already have taken the task off its queue, and
     * nothing in {@code subscribeOn} checks for cancellation after that; so the send starts only
     * if it gets there before the cancellation does. Once started it cannot be called back: the
     * producer's own timeouts bound how late it may still arrive.
     */
    public Mono<SendResult<Object, Object>> publish(String topic, NewsdeskEvent event) {
        return Mono.defer(() -> publish(topic, event, TraceParent.current()));
    }

    /**
     * As {@link #publish(String, NewsdeskEvent)}, in a trace that was stored: the record carries it
     * on to its consumers (its {@code traceparent} header), whichever thread or instance sends it.
     *
     * @param cause the trace of the work that made the event; null starts a trace of its own
     */
    public Mono<SendResult<Object, Object>> publish(String topic, NewsdeskEvent event, @Nullable TraceParent cause) {
        return Mono.defer(() -> {
            AtomicBoolean startedOrCancelled = new AtomicBoolean();
            AtomicBoolean cancelled = new AtomicBoolean();
            return Mono.defer(() -> startedOrCancelled.compareAndSet(false, true)
                            ? acknowledgement(traces.run(cause, () -> kafka.send(topic, event.tipId(), event)))
                            : Mono.<SendResult<Object, Object>>empty())
                    // A send whose caller gave up (timed out, interrupting the thread blocked in it) and
                    // then failed has nobody to tell: the caller already handled the outage. Reactor
                    // would log it as a dropped error, with a stack trace, once per send of an outage.
                    .onErrorResume(failure -> cancelled.get(), failure -> {
                        log.debug("A send given up by its caller failed afterwards: {}", describe(failure));
                        return Mono.empty();
                    })
                    .subscribeOn(sends)
                    .doOnCancel(() -> {
                        cancelled.set(true);
                        startedOrCancelled.set(true);
                    });
        });
    }

    /**
     * The send's outcome, its failure taken as a value first: a failure that came after the caller
     * gave up would otherwise reach Reactor as an error nobody handles.
     */
    private static Mono<SendResult<Object, Object>> acknowledgement(
            CompletableFuture<SendResult<Object, Object>> sent) {
        return Mono.fromFuture(sent.handle((acknowledged, failure) ->
                        failure == null ? Mono.just(acknowledged) : Mono.<SendResult<Object, Object>>error(failure)))
                .flatMap(outcome -> outcome);
    }

    /** Called when the application context closes: the send threads go with it. */
    @Override
    public void destroy() {
        sends.dispose();
    }
}
