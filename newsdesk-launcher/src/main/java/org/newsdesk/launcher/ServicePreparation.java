package org.newsdesk.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.newsdesk.launcher.NewsdeskServices.Service;
import org.newsdesk.launcher.PreparedService.Stamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run by the launcher's build after it copies the service jars: makes each service a
 * {@link PreparedService}. It unpacks the jar with Spring Boot's jar tools, then starts the service
 * once against a broker and a store of its own, in a folder it deletes afterwards, with
 * {@code -Dspring.context.exit=onRefresh} (Spring creates every bean, connects, and exits before
 * it starts listening) and {@code -XX:ArchiveClassesAtExit}, so that the JVM writes every class
 * that start loaded into an archive. A service whose jar did not change since (the build is
 * reproducible) is left as it is. A service that cannot be prepared is started from its
 * executable jar, as before: this only makes starts quicker, so it warns and does not fail the build.
 */
public final class ServicePreparation {

    private static final Logger log = LoggerFactory.getLogger(ServicePreparation.class);

    /** A training start took 14 s alone; the three together, broker included, 41-47 s on two cores. */
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

    private final Path servicesDirectory;
    private final String java;
    private final String jvmVersion = System.getProperty("java.vm.version");

    ServicePreparation(Path servicesDirectory, String java) {
        this.servicesDirectory = servicesDirectory.toAbsolutePath().normalize();
        this.java = java;
    }

    /** {@code ServicePreparation <services directory>} */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: ServicePreparation <the folder holding the service jars>");
            System.exit(2);
        }
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            new ServicePreparation(Path.of(args[0]), java).prepareAll();
        } catch (RuntimeException ex) {
            // A service left unprepared has no stamp (unpacking deletes the old one first): it starts as before.
            log.warn("Could not prepare the services; they will start from their executable jars", ex);
        }
        // The broker leaves non-daemon threads behind for a moment after it is closed.
        System.exit(0);
    }

    void prepareAll() {
        Map<Service, String> toPrepare = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Path sourceJar = servicesDirectory.resolve(service.jarName());
            String sha256 = sha256(sourceJar);
            if (isPreparedFor(service, sha256)) {
                // The same bytes as when it was prepared; the build's copy gave the file a new time, which the stamp
                // follows.
                Path folder = PreparedService.folder(servicesDirectory, service);
                PreparedService.writeStamp(
                        folder, Stamp.of(sourceJar, sha256, folder.resolve(service.jarName()), jvmVersion));
                log.info("The {} service is prepared already", service.shortName());
            } else {
                toPrepare.put(service, sha256);
            }
        }
        if (toPrepare.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        toPrepare.keySet().forEach(this::unpack);
        Path scratch = createScratchFolder();
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start(
                        scratch, ServiceCommandLines.freePort(), ServiceCommandLines.freePort());
                LocalMongoServer mongo = LocalMongoServer.start(scratch, 0)) {
            Map<Service, Process> trainings = new EnumMap<>(Service.class);
            ServiceCommandLines commandLines = trainingCommandLines(kafka, mongo, scratch);
            for (Service service : toPrepare.keySet()) {
                trainings.put(service, startTraining(commandLines, service));
            }
            trainings.forEach((service, training) -> finish(service, training, toPrepare.get(service)));
        } finally {
            deleteRecursively(scratch);
        }
        log.info(
                "Prepared {} in {} s",
                toPrepare.keySet().stream().map(Service::shortName).toList(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private boolean isPreparedFor(Service service, String sha256) {
        Path folder = PreparedService.folder(servicesDirectory, service);
        Path unpackedJar = folder.resolve(service.jarName());
        if (!Files.isRegularFile(unpackedJar) || !Files.isRegularFile(PreparedService.archive(folder))) {
            return false;
        }
        Stamp now = Stamp.of(servicesDirectory.resolve(service.jarName()), sha256, unpackedJar, jvmVersion);
        return PreparedService.readStamp(folder)
                .filter(recorded -> recorded.sameArchiveAs(now))
                .isPresent();
    }

    /** Spring Boot's own tool: the application's jar and a lib folder beside it, which its manifest names. */
    private void unpack(Service service) {
        Path folder = PreparedService.folder(servicesDirectory, service);
        deleteRecursively(folder);
        List<String> command = List.of(
                java,
                "-Djarmode=tools",
                "-jar",
                servicesDirectory.resolve(service.jarName()).toString(),
                "extract",
                "--destination",
                folder.toString());
        try {
            Process extract = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!extract.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                throw new IllegalStateException("Could not unpack " + service.jarName() + ": " + command);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** As the launcher starts them, on ports of their own, and with whatever a start needs that only the launcher gives. */
    private ServiceCommandLines trainingCommandLines(LocalKafkaBroker kafka, LocalMongoServer mongo, Path scratch) {
        ServiceCommandLines commandLines = new ServiceCommandLines(kafka.bootstrapServers(), mongo.connectionString());
        commandLines.servicesDirectory(servicesDirectory);
        commandLines.randomPorts();
        commandLines.property(
                "newsdesk.privacy.key-file", scratch.resolve("privacy.key").toString());
        commandLines.property(Service.MODERATION, "newsdesk.moderator.local-default-password-allowed", "true");
        commandLines.property(
                Service.SUBMISSION,
                "newsdesk.notification.drop-folder",
                scratch.resolve("mail").toString());
        return commandLines;
    }

    private Process startTraining(ServiceCommandLines commandLines, Service service) {
        Path folder = PreparedService.folder(servicesDirectory, service);
        List<String> jvmOptions = new ArrayList<>(ServiceCommandLines.JVM_OPTIONS);
        jvmOptions.add("-XX:ArchiveClassesAtExit=" + partialArchive(folder));
        jvmOptions.add("-Dspring.context.exit=onRefresh");
        List<String> command = commandLines.commandLine(java, service, folder.resolve(service.jarName()), jvmOptions);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(trainingLog(folder).toFile())
                    .start();
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start the " + service.shortName() + " service", ex);
        }
    }

    private void finish(Service service, Process training, String sha256) {
        Path folder = PreparedService.folder(servicesDirectory, service);
        try {
            if (!training.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                training.destroyForcibly().waitFor();
                log.warn(
                        "The {} service's start did not end within {} s: it will start from its executable jar; see {}",
                        service.shortName(),
                        TRAINING_TIMEOUT.toSeconds(),
                        trainingLog(folder));
                return;
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            training.destroyForcibly();
            return;
        }
        Path partial = partialArchive(folder);
        if (training.exitValue() != 0 || !Files.isRegularFile(partial)) {
            log.warn(
                    "Could not prepare the {} service (exit code {}): it will start from its executable jar; see {}",
                    service.shortName(),
                    training.exitValue(),
                    trainingLog(folder));
            return;
        }
        try {
            Files.move(partial, PreparedService.archive(folder), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        // Written last: a stamp means the archive beside it is complete.
        PreparedService.writeStamp(
                folder,
                Stamp.of(
                        servicesDirectory.resolve(service.jarName()),
                        sha256,
                        folder.resolve(service.jarName()),
                        jvmVersion));
    }

    private static Path partialArchive(Path folder) {
        return folder.resolve("classes.jsa.partial");
    }

    private static Path trainingLog(Path folder) {
        return folder.resolve("preparation.log");
    }

    private Path createScratchFolder() {
        try {
            return Files.createTempDirectory("newsdesk-preparation-");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + file, ex);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not delete " + folder, ex);
        }
    }
}
