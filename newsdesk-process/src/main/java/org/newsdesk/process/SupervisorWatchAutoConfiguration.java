package org.newsdesk.process;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A service started by a supervisor, such as the embedded launcher or the end-to-end tests, ends
 * when that supervisor ends, even one killed with {@code kill -9} that could not stop it: left
 * behind, it would hold its port and the next start would fail. The supervisor names itself with
 * {@code newsdesk.supervisor-pid}; without it (in production, where a container runtime or
 * process manager does this job) nothing is watched.
 */
@AutoConfiguration
@ConditionalOnProperty(SupervisorWatchAutoConfiguration.SUPERVISOR_PID)
public class SupervisorWatchAutoConfiguration {

    public static final String SUPERVISOR_PID = "newsdesk.supervisor-pid";

    /**
     * Long enough for Spring to close the service in order, short enough that its port is free
     * again by the time someone restarts the supervisor. Kafka and MongoDB usually went with the
     * supervisor, and a service never acknowledges anything it has not stored, so a stop cut short
     * loses nothing.
     */
    static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    @Bean(destroyMethod = "close")
    SupervisorWatch supervisorWatch(Environment environment) {
        long supervisorPid = environment.getRequiredProperty(SUPERVISOR_PID, Long.class);
        return new SupervisorWatch(supervisorPid, SupervisorWatchAutoConfiguration::exit);
    }

    /**
     * Exits through the JVM's shutdown hooks, so Spring closes the service, but halts if that takes
     * longer than {@link #EXIT_GRACE}: a close can wait on a broker that has gone, or on a start-up
     * still in progress.
     */
    private static void exit() {
        Thread halt = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(EXIT_GRACE.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(1);
        }, "supervisor-gone-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(1);
    }
}
