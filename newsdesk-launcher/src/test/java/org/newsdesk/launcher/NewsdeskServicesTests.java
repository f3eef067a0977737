package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.launcher.NewsdeskServices.Service;

class NewsdeskServicesTests {

    @TempDir
    Path servicesDirectory;

    private NewsdeskServices.Starter starter;

    @BeforeEach
    void serviceJars() throws IOException {
        for (Service service : Service.values()) {
            Files.createFile(servicesDirectory.resolve(service.jarName()));
        }
        starter =
                NewsdeskServices.against("127.0.0.1:1", "mongodb://127.0.0.1:2").servicesDirectory(servicesDirectory);
    }

    @Test
    void eachServiceRunsFromItsOwnJarOnTheJvmOfItsSupervisor() {
        // When the moderation service's command line is built
        List<String> command = starter.commandLine("/opt/jdk/bin/java", Service.MODERATION);

        // Then it runs the service's own jar, told where Kafka and MongoDB are, on its port, and who supervises it
        assertThat(command.get(0)).isEqualTo("/opt/jdk/bin/java");
        assertThat(command)
                .containsSubsequence(
                        "-jar",
                        servicesDirectory.resolve("moderation-service.jar").toString())
                .contains(
                        "--spring.kafka.bootstrap-servers=127.0.0.1:1",
                        "--spring.mongodb.uri=mongodb://127.0.0.1:2",
                        "--server.port=8082",
                        "--newsdesk.supervisor-pid=" + ProcessHandle.current().pid());
    }

    @Test
    void aPropertyForOneServiceReachesOnlyThatService() {
        // Given a public base URL meant for the publishing service, and a port for the submission service
        starter.property(Service.PUBLISHING, "newsdesk.publishing.public-base-url", "http://news.example")
                .port(Service.SUBMISSION, 18081);

        // When the command lines are built
        List<String> publishing = starter.commandLine("java", Service.PUBLISHING);
        List<String> submission = starter.commandLine("java", Service.SUBMISSION);

        // Then each service gets what was meant for it
        assertThat(publishing)
                .contains("--newsdesk.publishing.public-base-url=http://news.example", "--server.port=8083");
        assertThat(submission)
                .contains("--server.port=18081")
                .noneMatch(argument -> argument.startsWith("--newsdesk.publishing.public-base-url"));
    }

    @Test
    void aMissingJarIsNamedWithHowToBuildIt() throws IOException {
        // Given a services folder without the submission service's jar
        Files.delete(servicesDirectory.resolve("submission-service.jar"));

        // Then the command line cannot be built, and the failure says where the jar should be
        assertThatIllegalStateException()
                .isThrownBy(() -> starter.commandLine("java", Service.SUBMISSION))
                .withMessageContaining(
                        servicesDirectory.resolve("submission-service.jar").toString())
                .withMessageContaining("./mvnw -DskipTests package");
    }

    @Test
    void theServicesListenOnThisMachineOnlyUnlessToldOtherwise() {
        // Given a starter told nothing about addresses, and one told to listen everywhere
        List<String> byDefault = starter.commandLine("java", Service.MODERATION);
        List<String> everywhere = starter.bindAddress("0.0.0.0").commandLine("java", Service.SUBMISSION);

        // Then the first binds to loopback and the second to every interface
        assertThat(byDefault).contains("--server.address=127.0.0.1");
        assertThat(everywhere).contains("--server.address=0.0.0.0");
        // And the management port, with the metrics, is bound alike, on the contract's port
        assertThat(byDefault).contains("--management.server.address=127.0.0.1", "--management.server.port=9182");
        assertThat(everywhere).contains("--management.server.address=0.0.0.0", "--management.server.port=9181");
    }
}
