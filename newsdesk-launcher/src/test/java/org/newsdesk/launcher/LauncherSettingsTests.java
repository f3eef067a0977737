package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.launcher.NewsdeskServices.Service;

class LauncherSettingsTests {

    @TempDir
    Path folder;

    @Test
    void theDataStaysInTheFolderTheCommandIsRunFromUnlessConfigured() {
        // Given no NEWSDESK_DATA_DIR, then one relative and one absolute setting

        // When the data folder is resolved
        Path byDefault = LauncherSettings.dataDirectory(null);
        Path blank = LauncherSettings.dataDirectory(" ");
        Path relative = LauncherSettings.dataDirectory("demo/../data");
        Path absolute = LauncherSettings.dataDirectory("/srv/newsdesk");

        // Then it is an absolute path: the ready line shows exactly where the data went
        Path workingDirectory = Path.of("").toAbsolutePath();
        assertThat(byDefault).isEqualTo(workingDirectory.resolve(".newsdesk-data"));
        assertThat(blank).isEqualTo(byDefault);
        assertThat(relative).isEqualTo(workingDirectory.resolve("data"));
        assertThat(absolute).isEqualTo(Path.of("/srv/newsdesk"));
    }

    @Test
    void theServiceJarsAreBesideTheLauncherJarUnlessConfigured() throws IOException {
        // Given a launcher started with java -jar, which makes its jar the whole class path
        Path launcherJar = Files.createFile(folder.resolve("newsdesk-exec.jar"));

        // When the services folder is resolved without and with NEWSDESK_SERVICES_DIR
        Path beside = LauncherSettings.servicesDirectory(null, launcherJar.toString());
        Path configured = LauncherSettings.servicesDirectory("/opt/newsdesk/services", launcherJar.toString());

        // Then it is services/ beside the jar, or what was configured
        assertThat(beside).isEqualTo(folder.resolve("services"));
        assertThat(configured).isEqualTo(Path.of("/opt/newsdesk/services"));
    }

    @Test
    void withoutAJarToGoByTheServicesFolderMustBeNamed() {
        // Given a launcher run from classes, as in an IDE
        String classPath = folder.resolve("classes") + File.pathSeparator + folder.resolve("lib.jar");

        // Then it says how to tell it where the services are
        assertThatIllegalStateException()
                .isThrownBy(() -> LauncherSettings.servicesDirectory(null, classPath))
                .withMessageContaining("NEWSDESK_SERVICES_DIR");
    }

    @Test
    void theContractsPortsUnlessTheEnvironmentMovesThem() {
        // Given an environment that moves MongoDB, the moderation service and publishing's metrics only
        Map<String, String> environment = Map.of(
                "NEWSDESK_SERVICES_DIR", folder.toString(),
                "NEWSDESK_MONGODB_PORT", "37017",
                "NEWSDESK_MODERATION_PORT", " 18082 ",
                "NEWSDESK_PUBLISHING_MANAGEMENT_PORT", "19183");

        // When the settings are read
        LauncherSettings settings = LauncherSettings.from(environment, "unused.jar");

        // Then everything else keeps the public contract's ports
        assertThat(settings.mongoPort()).isEqualTo(37017);
        assertThat(settings.port(Service.MODERATION)).isEqualTo(18082);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        assertThat(settings.port(Service.SUBMISSION)).isEqualTo(8081);
        assertThat(settings.port(Service.PUBLISHING)).isEqualTo(8083);
        // And the metrics too: on their management ports, one of them moved
        assertThat(settings.managementPort(Service.SUBMISSION)).isEqualTo(9181);
        assertThat(settings.managementPort(Service.MODERATION)).isEqualTo(9182);
        assertThat(settings.managementPort(Service.PUBLISHING)).isEqualTo(19183);
    }

    @Test
    void theServicesJvmsStartWithTheDefaultOptionsUnlessTheEnvironmentGivesOthers() {
        // Given no options, then options with extra spaces
        LauncherSettings defaults =
                LauncherSettings.from(Map.of("NEWSDESK_SERVICES_DIR", folder.toString()), "unused.jar");
        LauncherSettings measured = LauncherSettings.from(
                Map.of(
                        "NEWSDESK_SERVICES_DIR",
                        folder.toString(),
                        "NEWSDESK_SERVICE_JVM_OPTIONS",
                        "  -XX:+UseSerialGC   -Xmx256m "),
                "unused.jar");

        // Then the defaults, then exactly the options given, in place of the defaults
        assertThat(defaults.serviceJvmOptions()).isEqualTo(ServiceCommandLines.JVM_OPTIONS);
        assertThat(measured.serviceJvmOptions()).containsExactly("-XX:+UseSerialGC", "-Xmx256m");
    }

    @Test
    void aPortThatIsNotANumberIsRefusedByName() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LauncherSettings.from(
                        Map.of("NEWSDESK_SERVICES_DIR", folder.toString(), "NEWSDESK_KAFKA_PORT", "kafka"),
                        "unused.jar"))
                .withMessageContaining("NEWSDESK_KAFKA_PORT");
    }

    @Test
    void theRunListensOnLoopbackUnlessTheEnvironmentSaysOtherwise() {
        // Given no NEWSDESK_BIND_ADDRESS, then every interface, then one LAN address
        LauncherSettings byDefault =
                LauncherSettings.from(Map.of("NEWSDESK_SERVICES_DIR", folder.toString()), "unused.jar");
        LauncherSettings everywhere = LauncherSettings.from(
                Map.of("NEWSDESK_SERVICES_DIR", folder.toString(), "NEWSDESK_BIND_ADDRESS", "0.0.0.0"), "unused.jar");
        LauncherSettings lan = LauncherSettings.from(
                Map.of("NEWSDESK_SERVICES_DIR", folder.toString(), "NEWSDESK_BIND_ADDRESS", " 192.168.1.20 "),
                "unused.jar");

        // Then only the default stays on this machine
        assertThat(byDefault.bindHost()).isEqualTo("127.0.0.1");
        assertThat(byDefault.listensBeyondThisMachine()).isFalse();
        assertThat(everywhere.listensBeyondThisMachine()).isTrue();
        assertThat(lan.bindHost()).isEqualTo("192.168.1.20");
        assertThat(lan.listensBeyondThisMachine()).isTrue();
    }

    @Test
    void theLocalDefaultPasswordIsAllowedOnThisMachineOnly() {
        LauncherSettings local =
                LauncherSettings.from(Map.of("NEWSDESK_SERVICES_DIR", folder.toString()), "unused.jar");
        LauncherSettings everywhere = LauncherSettings.from(
                Map.of("NEWSDESK_SERVICES_DIR", folder.toString(), "NEWSDESK_BIND_ADDRESS", "0.0.0.0"), "unused.jar");

        // On loopback, no password means the local default, with its warning in the service's log
        assertThat(local.localDefaultPasswordAllowed(null)).isTrue();

        // Beyond this machine, no password and the well-known one are both refused, naming what to set
        for (String password : new String[] {null, " ", "moderator"}) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> everywhere.localDefaultPasswordAllowed(password))
                    .withMessageContaining("NEWSDESK_MODERATOR_PASSWORD")
                    .withMessageContaining("0.0.0.0");
        }

        // And a password of one's own is fine, with no fallback to allow
        assertThat(everywhere.localDefaultPasswordAllowed("Erewash-Sound-2023")).isFalse();
    }

    @Test
    void aBindAddressThatIsNoIpAddressIsRefusedByName() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LauncherSettings.from(
                        Map.of("NEWSDESK_SERVICES_DIR", folder.toString(), "NEWSDESK_BIND_ADDRESS", "my-laptop.local"),
                        "unused.jar"))
                .withMessageContaining("NEWSDESK_BIND_ADDRESS");
    }
}
