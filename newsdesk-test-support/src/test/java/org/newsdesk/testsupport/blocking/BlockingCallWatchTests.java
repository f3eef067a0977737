package org.newsdesk.testsupport.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class BlockingCallWatchTests {

    @Test
    void aBlockingCallOnAReactorThreadThrowsAndIsRememberedForTheRunningTest() {
        assertThatThrownBy(() -> Mono.fromCallable(BlockingCallWatchTests::waitAMillisecond)
                        .subscribeOn(Schedulers.parallel())
                        .block())
                .hasRootCauseInstanceOf(BlockingOperationError.class)
                .hasMessageContaining("Unsafe#park");

        // Taken here, so that FailOnBlockingCalls does not fail this test for the call it provoked.
        assertThat(BlockingCallWatch.takeUnreported())
                .singleElement()
                .satisfies(error -> assertThat(error.getMessage()).contains("Unsafe#park"));
    }

    @Test
    void theSameCallOnAThreadMadeForBlockingIsLeftAlone() {
        Mono.fromCallable(BlockingCallWatchTests::waitAMillisecond)
                .subscribeOn(Schedulers.boundedElastic())
                .block();
        waitAMillisecond();

        assertThat(BlockingCallWatch.takeUnreported()).isEmpty();
    }

    @Test
    void theExtensionFailsATestThatBlockedEvenWhenTheErrorWasSwallowed() {
        Mono.fromCallable(BlockingCallWatchTests::waitAMillisecond)
                .subscribeOn(Schedulers.parallel())
                .onErrorResume(error -> Mono.empty())
                .block();

        assertThatThrownBy(() -> new FailOnBlockingCalls().afterEach(null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 blocking call(s) on a non-blocking thread")
                .satisfies(failure ->
                        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(BlockingOperationError.class));
        assertThat(BlockingCallWatch.takeUnreported()).isEmpty();
    }

    /**
     * Parks the thread, always. A latch's timed wait parks only if its millisecond is not over by the
     * time it gets there; where it was (one CI run), the wait returned without parking and BlockHound
     * had nothing to report.
     */
    private static boolean waitAMillisecond() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        return true;
    }
}
