package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class NewsdeskLauncherTests {

    @Test
    void theDataStaysInTheFolderTheCommandIsRunFromUnlessConfigured() {
        // Given no NEWSDESK_DATA_DIR, then one relative and one absolute setting

        // When the data folder is resolved
        Path byDefault = NewsdeskLauncher.dataDirectory(null);
        Path blank = NewsdeskLauncher.dataDirectory(" ");
        Path relative = NewsdeskLauncher.dataDirectory("demo/../data");
        Path absolute = NewsdeskLauncher.dataDirectory("/srv/newsdesk");

        // Then it is an absolute path: the ready line shows exactly where the data went
        Path workingDirectory = Path.of("").toAbsolutePath();
        assertThat(byDefault).isEqualTo(workingDirectory.resolve(".newsdesk-data"));
        assertThat(blank).isEqualTo(byDefault);
        assertThat(relative).isEqualTo(workingDirectory.resolve("data"));
        assertThat(absolute).isEqualTo(Path.of("/srv/newsdesk"));
    }
}
