package org.newsdesk.process;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the process that started this one and runs an action once it has gone.
 *
 * <p>It asks every half second rather than waiting on {@link ProcessHandle#onExit()}: for a process
 * that is not its child, the JDK finds out about an exit by polling with a growing pause, up to
 * 5 s after a few minutes, and a service that outlives its supervisor by 5 s still holds its port
 * when the supervisor is started again.
 */
final class SupervisorWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SupervisorWatch.class);

    static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    private final ScheduledExecutorService checks;

    /** Starts watching; if the supervisor is already gone, the action runs at once, on the watch's own thread. */
    SupervisorWatch(long supervisorPid, Runnable whenGone) {
        // The handle remembers the process's start time, so a new process that reuses the pid is not mistaken for it.
        Optional<ProcessHandle> supervisor = ProcessHandle.of(supervisorPid);
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "supervisor-watch");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(
                () -> {
                    if (supervisor.map(ProcessHandle::isAlive).orElse(false)) {
                        return;
                    }
                    log.warn("The supervisor of this service (pid {}) has gone: stopping now", supervisorPid);
                    checks.shutdown();
                    whenGone.run();
                },
                0,
                CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
