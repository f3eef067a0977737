package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The launcher tells whoever started it without the README's heap limit how to start it. */
class LauncherHeapTests {

    private static final long MB = 1024 * 1024;

    @Test
    void aLauncherStartedWithoutTheReadmesLimitIsToldHowToStartIt() {
        // A JVM's default on a machine of 24 GB: a quarter of it
        assertThat(LauncherHeap.advice(6144 * MB))
                .hasValueSatisfying(advice ->
                        assertThat(advice).contains("6144 MB").contains("java -Xmx512m -jar newsdesk-exec.jar"));
    }

    @Test
    void aLauncherStartedAsTheReadmeSaysIsLeftAlone() {
        assertThat(LauncherHeap.advice(512 * MB)).isEmpty();
        assertThat(LauncherHeap.advice(1024 * MB)).isEmpty();
    }

    @Test
    void theReadmesCommandGivesTheLimit() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("java " + LauncherHeap.LIMIT + " -jar newsdesk-launcher/target/newsdesk-exec.jar");
    }
}
