package org.newsdesk.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SupervisorWatchTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SupervisorWatchAutoConfiguration.class));

    @Test
    void actsOnceTheSupervisorIsKilled() throws Exception {
        // Given a watch on a running supervisor
        Process supervisor = startProcessThatWaitsUntilKilled();
        AtomicBoolean gone = new AtomicBoolean();
        try (SupervisorWatch watch = new SupervisorWatch(supervisor.pid(), () -> gone.set(true))) {
            assertThat(gone).isFalse();

            // When the supervisor is killed
            supervisor.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            // Then the watch acts within a few checks
            await().atMost(PATIENCE).untilTrue(gone);
        }
    }

    @Test
    void actsAtOnceWhenTheSupervisorIsAlreadyGone() throws Exception {
        // Given a supervisor that ended before the watch began
        Process supervisor = startProcessThatWaitsUntilKilled();
        supervisor.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        // When it is watched
        AtomicBoolean gone = new AtomicBoolean();
        try (SupervisorWatch watch = new SupervisorWatch(supervisor.pid(), () -> gone.set(true))) {

            // Then the watch acts
            await().atMost(PATIENCE).untilTrue(gone);
        }
    }

    @Test
    void aServiceWithoutSupervisorWatchesNothing() {
        contexts.run(context -> assertThat(context).doesNotHaveBean(SupervisorWatch.class));
    }

    @Test
    void aServiceNamedItsSupervisorWatchesIt() {
        // Given this test's own JVM as the supervisor, which stays alive throughout
        long supervisorPid = ProcessHandle.current().pid();

        contexts.withPropertyValues(SupervisorWatchAutoConfiguration.SUPERVISOR_PID + "=" + supervisorPid)
                .run(context -> assertThat(context).hasSingleBean(SupervisorWatch.class));
    }

    private static Process startProcessThatWaitsUntilKilled() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WaitsUntilKilled.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
    }
}
