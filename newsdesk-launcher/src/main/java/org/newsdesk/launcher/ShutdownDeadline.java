package org.newsdesk.launcher;

import java.time.Duration;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the run, and ends the process if stopping does not finish in time. A broker in a broken
 * state can wait forever for its own threads: after a start-up that ran out of heap, Kafka's
 * request handlers never reported their end, and the launcher sat in its shutdown hook for twenty
 * minutes at a fifth of a core, its ports closed, until killed. Ending it is safe: the store
 * committed every write before answering it, and Kafka keeps what it acknowledged, as the crash
 * tests show by killing the whole run with SIGKILL ({@code CrashRecoveryTests}).
 */
final class ShutdownDeadline {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDeadline.class);

    /** The services' own grace, then the store and the broker: far more than a healthy run needs. */
    static final Duration LIMIT = NewsdeskServices.STOP_GRACE.plusSeconds(40);

    private ShutdownDeadline() {}

    /** {@code stop}, and {@code halt(1)} once {@code limit} has passed without its end. */
    static void stop(Runnable stop, Duration limit, IntConsumer halt) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(limit.toMillis());
                    } catch (InterruptedException stopped) {
                        return;
                    }
                    log.error(
                            "Newsdesk did not stop within {} s; ending the process (nothing acknowledged is lost)",
                            limit.toMillis() / 1000.0);
                    halt.accept(1);
                },
                "newsdesk-shutdown-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            stop.run();
        } finally {
            watchdog.interrupt();
        }
    }
}
