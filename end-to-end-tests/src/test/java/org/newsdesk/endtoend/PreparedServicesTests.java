package org.newsdesk.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher's build prepared every service for a quicker start (unpacked, with a class data
 * archive of its start), and this JVM accepts each archive for the jars beside it: the JVM's own
 * check, the one it makes at every start, run on its own.
 */
class PreparedServicesTests {

    @TempDir
    Path scratch;

    @ParameterizedTest
    @ValueSource(strings = {"submission-service", "moderation-service", "publishing-service"})
    void theBuildPreparedAnArchiveThisJvmAccepts(String service) throws IOException, InterruptedException {
        // Given what the build prepared for the service
        Path folder = NewsdeskDistribution.servicesDirectory().resolve(service).toAbsolutePath();
        assertThat(folder.resolve("prepared.properties")).isRegularFile();

        // When the JVM is asked to check the archive against the unpacked jar and its libraries
        Path report = scratch.resolve("report.txt");
        Process check = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:SharedArchiveFile=" + folder.resolve("classes.jsa"),
                        "-XX:+PrintSharedArchiveAndExit",
                        "-jar",
                        folder.resolve(service + ".jar").toString()))
                .redirectErrorStream(true)
                .redirectOutput(report.toFile())
                .start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // Then it accepts it, and it holds the service's own classes
        String printed = Files.readString(report);
        assertThat(printed).contains("archive is valid").contains("org.newsdesk.");
        assertThat(check.exitValue()).isZero();
    }
}
