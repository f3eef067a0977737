package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.launcher.NewsdeskServices.Service;
import org.newsdesk.launcher.PreparedService.Stamp;

/**
 * When the launcher starts a service from what the build prepared, and when from its executable
 * jar: the JVM would refuse the archive (with a warning on the console) in every case where this
 * says no. The build's real archives are checked by the end-to-end module's PreparedServicesTests.
 */
class PreparedServiceTests {

    private static final String THIS_JVM = System.getProperty("java.vm.version");

    @TempDir
    Path servicesDirectory;

    private NewsdeskServices.Starter starter;
    private Path folder;

    @BeforeEach
    void preparedPublishingService() throws IOException {
        for (Service service : Service.values()) {
            Files.writeString(servicesDirectory.resolve(service.jarName()), "the executable jar of " + service);
        }
        folder = PreparedService.folder(servicesDirectory, Service.PUBLISHING);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("publishing-service.jar"), "the unpacked jar");
        Files.writeString(PreparedService.archive(folder), "the archive");
        stampForThisJvm();
        starter =
                NewsdeskServices.against("127.0.0.1:1", "mongodb://127.0.0.1:2").servicesDirectory(servicesDirectory);
    }

    @Test
    void aPreparedServiceStartsFromItsUnpackedJarWithItsArchive() {
        // When the command lines are built
        List<String> publishing = starter.commandLine("java", Service.PUBLISHING);
        List<String> submission = starter.commandLine("java", Service.SUBMISSION);

        // Then the prepared service maps its archive and runs its unpacked jar, the other runs its executable jar
        assertThat(publishing)
                .contains("-XX:SharedArchiveFile=" + PreparedService.archive(folder))
                .containsSubsequence(
                        "-XX:SharedArchiveFile=" + PreparedService.archive(folder),
                        "-jar",
                        folder.resolve("publishing-service.jar").toString());
        assertThat(submission)
                .noneMatch(argument -> argument.startsWith("-XX:SharedArchiveFile"))
                .containsSubsequence(
                        "-jar",
                        servicesDirectory.resolve("submission-service.jar").toString());
    }

    @Test
    void anExecutableJarReplacedSinceIsStartedAsItIs() throws IOException {
        // Given a new build of the service copied over the one that was prepared
        Files.writeString(servicesDirectory.resolve("publishing-service.jar"), "a newer executable jar, longer");

        // Then it starts from that jar
        assertThat(PreparedService.find(servicesDirectory, Service.PUBLISHING)).isEmpty();
        assertThat(starter.commandLine("java", Service.PUBLISHING))
                .containsSubsequence(
                        "-jar",
                        servicesDirectory.resolve("publishing-service.jar").toString());
    }

    @Test
    void anArchiveMadeByAnotherJvmIsNotUsed() {
        assertThat(PreparedService.find(servicesDirectory, Service.PUBLISHING, "21.0.4+7"))
                .isEmpty();
        assertThat(PreparedService.find(servicesDirectory, Service.PUBLISHING, THIS_JVM))
                .isPresent();
    }

    @Test
    void anUnpackedJarTouchedSinceIsNotUsed() throws IOException {
        // The JVM checks the times of the jars an archive was made from, as a copy without -p would change them.
        Files.setLastModifiedTime(
                folder.resolve("publishing-service.jar"),
                FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(PreparedService.find(servicesDirectory, Service.PUBLISHING)).isEmpty();
    }

    @Test
    void aFolderPreparedElsewhereIsNotUsed() throws IOException {
        // Given a stamp that names the unpacked jar at another path, as after moving the whole folder
        PreparedService.writeStamp(
                folder,
                new Stamp(
                        "sha",
                        Files.size(servicesDirectory.resolve("publishing-service.jar")),
                        Files.getLastModifiedTime(servicesDirectory.resolve("publishing-service.jar"))
                                .toMillis(),
                        "/somewhere/else/publishing-service/publishing-service.jar",
                        Files.getLastModifiedTime(folder.resolve("publishing-service.jar"))
                                .toMillis(),
                        THIS_JVM));

        assertThat(PreparedService.find(servicesDirectory, Service.PUBLISHING)).isEmpty();
    }

    @Test
    void anArchiveWithoutItsStampIsNotUsed() throws IOException {
        // Given a preparation that ended before it wrote the stamp (the stamp comes last)
        Files.delete(folder.resolve("prepared.properties"));

        assertThat(PreparedService.find(servicesDirectory, Service.PUBLISHING)).isEmpty();
    }

    @Test
    void anUnreadableStampIsNotUsed() throws IOException {
        Files.writeString(folder.resolve("prepared.properties"), "source.size=not a number\n");

        assertThat(PreparedService.find(servicesDirectory, Service.PUBLISHING)).isEmpty();
    }

    @Test
    void theSameBytesCopiedAgainAreTheSameArchive() throws IOException {
        // Given the build's copy rewrote the executable jar with the same bytes, at another time
        Stamp before = PreparedService.readStamp(folder).orElseThrow();
        Files.setLastModifiedTime(
                servicesDirectory.resolve("publishing-service.jar"),
                FileTime.from(Instant.now().plusSeconds(60)));
        Stamp after = Stamp.of(
                servicesDirectory.resolve("publishing-service.jar"),
                before.sourceSha256(),
                folder.resolve("publishing-service.jar"),
                THIS_JVM);

        // Then the build can tell it need not prepare it again, while the launcher waits for the new stamp
        assertThat(after.sameArchiveAs(before)).isTrue();
        assertThat(PreparedService.find(servicesDirectory, Service.PUBLISHING)).isEmpty();
    }

    private void stampForThisJvm() {
        PreparedService.writeStamp(
                folder,
                Stamp.of(
                        servicesDirectory.resolve("publishing-service.jar"),
                        "sha",
                        folder.resolve("publishing-service.jar"),
                        THIS_JVM));
    }
}
