package org.newsdesk.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.tracing.TraceContinuation;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Which thread a send runs on, and that a caller who gave up before the send started can rely on
 * it never starting. Kafka is a stub here: these are questions about threads, not about Kafka,
 * which {@link KafkaConventionsTests} answers on a real broker.
 */
class EventPublisherTests {

    static final String STUCK = "A send stuck in a Kafka outage";
    static final String FAILS_LATE = "A send that fails once its caller gave up";

    @SuppressWarnings("unchecked")
    final KafkaOperations<Object, Object> kafka = mock(KafkaOperations.class);

    final List<String> sentHeadlines = new CopyOnWriteArrayList<>();
    final List<String> sendingThreads = new CopyOnWriteArrayList<>();
    final CountDownLatch outageOver = new CountDownLatch(1);
    final CountDownLatch failedLate = new CountDownLatch(1);
    final List<EventPublisher> publishers = new ArrayList<>();

    @BeforeEach
    void kafkaAcknowledgesEverySendButTheStuckOne() {
        when(kafka.send(anyString(), any(), any())).thenAnswer(invocation -> {
            TipSubmitted tip = invocation.getArgument(2);
            sentHeadlines.add(tip.headline());
            sendingThreads.add(Thread.currentThread().getName());
            if (STUCK.equals(tip.headline())) {
                outageOver.await();
            }
            if (FAILS_LATE.equals(tip.headline())) {
                try {
                    outageOver.await();
                } finally {
                    failedLate.countDown();
                }
                throw new TimeoutException("Topic not present in metadata after 3000 ms.");
            }
            ProducerRecord<Object, Object> record =
                    new ProducerRecord<>(invocation.getArgument(0), invocation.getArgument(1), tip);
            return CompletableFuture.completedFuture(
                    new SendResult<>(record, new RecordMetadata(new TopicPartition(record.topic(), 0), 0, 0, 0, 0, 0)));
        });
    }

    @AfterEach
    void endTheOutageAndCloseThePublishers() {
        outageOver.countDown();
        publishers.forEach(EventPublisher::destroy);
    }

    @Test
    void sendsOnThreadsOfItsOwnNamedAfterItsService() {
        // Given a publisher of the moderation service
        EventPublisher publisher = publisher(new EventPublisher(
                kafka, new TraceContinuation(ObservationRegistry.NOOP), "kafka-send-moderation-service"));

        // When it publishes
        SendResult<Object, Object> result =
                publisher.publish(Topics.TIPS_DECIDED, tip("Approved")).block(Duration.ofSeconds(5));

        // Then the send ran on its own threads, not on Reactor's shared ones
        assertThat(result).isNotNull();
        assertThat(sendingThreads).singleElement().asString().startsWith("kafka-send-moderation-service-");
    }

    @Test
    void aSendWhoseCallerCancelledBeforeItStartedIsNeverMade() {
        // Given a send thread that picks the task up only after its caller gave up, as a pool
        // thread may when it took the task off its queue just as the caller cancelled
        HeldTasks lateThread = new HeldTasks();
        EventPublisher publisher =
                publisher(new EventPublisher(kafka, new TraceContinuation(ObservationRegistry.NOOP), lateThread));
        Disposable caller = publisher
                .publish(Topics.TIPS_SUBMITTED, tip("Answered 503 already"))
                .subscribe();

        // When the caller cancels, and only then the thread runs the task
        caller.dispose();
        lateThread.runAll();

        // Then nothing was sent
        assertThat(sentHeadlines).isEmpty();
    }

    @Test
    void aSendThatWasNotCancelledIsMadeWhenItsThreadGetsToIt() {
        // Given the same late thread, and a caller that waits
        HeldTasks lateThread = new HeldTasks();
        EventPublisher publisher =
                publisher(new EventPublisher(kafka, new TraceContinuation(ObservationRegistry.NOOP), lateThread));
        List<SendResult<Object, Object>> results = new CopyOnWriteArrayList<>();
        publisher.publish(Topics.TIPS_SUBMITTED, tip("Waited for")).subscribe(results::add);

        // When the thread runs the task
        lateThread.runAll();

        // Then the tip is sent and its caller hears back
        assertThat(sentHeadlines).containsExactly("Waited for");
        assertThat(results).hasSize(1);
    }

    /**
     * Reactor itself drops a queued task whose subscriber cancelled; the guard in
     * {@link EventPublisher} covers the task a thread already took. This pins the first half of
     * the promise, so a Reactor that stops dropping queued tasks fails here.
     */
    @Test
    void aSendQueuedBehindAStuckOneIsDroppedOnceItsCallerGaveUp() {
        // Given a publisher with one send thread, stuck in a send during a Kafka outage
        Scheduler oneThread = Schedulers.newBoundedElastic(1, 10, "one-send-thread");
        EventPublisher publisher =
                publisher(new EventPublisher(kafka, new TraceContinuation(ObservationRegistry.NOOP), oneThread));
        publisher.publish(Topics.TIPS_SUBMITTED, tip(STUCK)).subscribe();
        await().until(() -> sentHeadlines.contains(STUCK));

        // When a tip's send queues behind it, and the resident's request gives up on it
        publisher
                .publish(Topics.TIPS_SUBMITTED, tip("Queued, then abandoned"))
                .subscribe()
                .dispose();

        // And the outage ends, the thread then running whatever is still queued after the stuck send
        outageOver.countDown();
        CountDownLatch queueDrained = new CountDownLatch(1);
        oneThread.schedule(queueDrained::countDown);
        await().until(() -> queueDrained.getCount() == 0);

        // Then the abandoned tip was never sent
        assertThat(sentHeadlines).containsExactly(STUCK);
    }

    /**
     * A broker outage used to write one ERROR line with a stack trace per send its caller (the
     * relay, after its send timeout) had given up on: Reactor's "onErrorDropped". The caller
     * already handled the outage; the late failure says nothing new.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aSendThatFailsAfterItsCallerGaveUpLogsNothing(CapturedOutput output) throws InterruptedException {
        // Given a send stuck in an outage, whose caller gives up on it
        EventPublisher publisher = publisher(
                new EventPublisher(kafka, new TraceContinuation(ObservationRegistry.NOOP), "kafka-send-late"));
        Disposable caller =
                publisher.publish(Topics.TIPS_SUBMITTED, tip(FAILS_LATE)).subscribe();
        await().until(() -> sentHeadlines.contains(FAILS_LATE));
        caller.dispose();

        // When the send then fails (interrupted, or on the producer's own timeout)
        outageOver.countDown();
        failedLate.await();

        // Then nothing reports it as an error nobody handled
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !output.getAll().contains("onErrorDropped"));
    }

    @Test
    void aClosedPublisherSendsNothing() {
        // Given a publisher whose application context closed
        EventPublisher publisher =
                new EventPublisher(kafka, new TraceContinuation(ObservationRegistry.NOOP), "kafka-send-closed");
        publisher.destroy();

        // Then a late publish fails instead of sending
        assertThatThrownBy(() -> publisher
                        .publish(Topics.TIPS_SUBMITTED, tip("Too late"))
                        .block(Duration.ofSeconds(5)))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(sentHeadlines).isEmpty();
    }

    private EventPublisher publisher(EventPublisher publisher) {
        publishers.add(publisher);
        return publisher;
    }

    private static TipSubmitted tip(String headline) {
        return TipSubmitted.of(
                UUID.randomUUID().toString(),
                null,
                headline,
                "Body of " + headline,
                "Town centre",
                "Transport",
                null,
                Instant.now());
    }

    /**
     * A scheduler whose thread runs what it was given only when the test says so, and whatever
     * was cancelled in the meantime: Reactor's own schedulers drop a cancelled task still in
     * their queue, so only this shows what happens when the cancellation comes too late for that.
     */
    static final class HeldTasks implements Scheduler {

        private final List<Runnable> tasks = new CopyOnWriteArrayList<>();

        @Override
        public Disposable schedule(Runnable task) {
            tasks.add(task);
            return () -> {};
        }

        @Override
        public Worker createWorker() {
            return new Worker() {

                @Override
                public Disposable schedule(Runnable task) {
                    return HeldTasks.this.schedule(task);
                }

                @Override
                public void dispose() {}
            };
        }

        void runAll() {
            tasks.forEach(Runnable::run);
        }
    }
}
