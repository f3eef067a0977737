package org.newsdesk.process;

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

    @Bean(destroyMethod = "close")
    SupervisorWatch supervisorWatch(Environment environment) {
        long supervisorPid = environment.getRequiredProperty(SUPERVISOR_PID, Long.class);
        return new SupervisorWatch(supervisorPid, SupervisorWatchAutoConfiguration::exit);
    }

    /**
     * Halts rather than exits: a graceful close would only wait, holding the port, on the broker and
     * the store that went with the supervisor in every run that sets this. Nothing is lost by it, since
     * a service acknowledges nothing before Kafka or MongoDB has it.
     */
    private static void exit() {
        Runtime.getRuntime().halt(1);
    }
}
