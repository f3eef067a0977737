package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A stop that hangs ends the process at its deadline; one that finishes ends nothing. */
class ShutdownDeadlineTests {

    @Test
    void aStopThatNeverEndsIsCutShortAtTheDeadline() throws InterruptedException {
        // Given a stop that waits forever, as Kafka's did for its request handlers
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger haltedWith = new AtomicInteger(-1);
        Thread hook = new Thread(() -> ShutdownDeadline.stop(
                () -> {
                    try {
                        never.await();
                    } catch (InterruptedException halted) {
                        Thread.currentThread().interrupt();
                    }
                },
                Duration.ofMillis(300),
                status -> {
                    haltedWith.set(status);
                    never.countDown();
                }));

        // When the shutdown hook runs it
        hook.start();

        // Then the process is ended, with a failure status, once the deadline passes
        await().atMost(Duration.ofSeconds(10)).until(() -> haltedWith.get() == 1);
        hook.join(Duration.ofSeconds(10).toMillis());
        assertThat(hook.isAlive()).isFalse();
    }

    @Test
    void aStopThatFinishesInTimeEndsNothing() {
        AtomicInteger halts = new AtomicInteger();
        AtomicInteger stops = new AtomicInteger();

        ShutdownDeadline.stop(stops::incrementAndGet, Duration.ofMillis(200), status -> halts.incrementAndGet());

        assertThat(stops).hasValue(1);
        // Well past the deadline, the watchdog it started has not fired.
        await().pollDelay(Duration.ofMillis(600))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(halts).hasValue(0));
    }
}
