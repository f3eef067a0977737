package org.newsdesk.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.newsdesk.launcher.NewsdeskServices.Service;

/**
 * A service jar made ready for a quicker start by the launcher's build ({@link ServicePreparation}):
 * unpacked by Spring Boot's jar tools (a JVM opens plain jars faster than nested ones), with a
 * class data archive (JDK's AppCDS) of every class a start of the service loads, so that each start
 * maps those classes instead of reading, parsing and verifying them again. Measured on two cores,
 * the publishing service alone: 6.8-7.9 s to "Started" from its executable jar, 5.4-6.0 s unpacked,
 * 2.9 s unpacked with the archive.
 *
 * <p>The JVM uses an archive only with the very JVM build that made it and the very jar files it
 * was made from, at the same paths, and says so in a warning otherwise. A stamp beside the
 * archive records those, so that the launcher can tell beforehand and start from the executable
 * jar instead (a copied folder, another JDK, a jar replaced since).
 *
 * <p>The layout, in the services directory: {@code publishing-service.jar} (the executable jar)
 * and {@code publishing-service/} holding the unpacked {@code publishing-service.jar}, its
 * {@code lib/}, {@code classes.jsa} and {@code prepared.properties}.
 */
record PreparedService(Path jar, Path archive) {

    private static final String STAMP = "prepared.properties";
    private static final String ARCHIVE = "classes.jsa";

    /** The service ready to start with its archive, if the build prepared it for this jar and this JVM. */
    static Optional<PreparedService> find(Path servicesDirectory, Service service) {
        return find(servicesDirectory, service, System.getProperty("java.vm.version"));
    }

    static Optional<PreparedService> find(Path servicesDirectory, Service service, String jvmVersion) {
        servicesDirectory = servicesDirectory.toAbsolutePath().normalize();
        Path folder = folder(servicesDirectory, service);
        Path stampFile = folder.resolve(STAMP);
        if (!Files.isRegularFile(stampFile)) {
            return Optional.empty();
        }
        Stamp recorded = Stamp.read(stampFile);
        Path sourceJar = servicesDirectory.resolve(service.jarName());
        Path unpackedJar = folder.resolve(service.jarName());
        Path archive = folder.resolve(ARCHIVE);
        if (!Files.isRegularFile(archive)
                || !Files.isRegularFile(unpackedJar)
                || !recorded.equals(Stamp.of(sourceJar, recorded.sourceSha256(), unpackedJar, jvmVersion))) {
            return Optional.empty();
        }
        return Optional.of(new PreparedService(unpackedJar, archive));
    }

    /** Where the build unpacks the service and keeps its archive. */
    static Path folder(Path servicesDirectory, Service service) {
        return servicesDirectory.resolve(service.jarName().replace(".jar", ""));
    }

    static Path archive(Path folder) {
        return folder.resolve(ARCHIVE);
    }

    static void writeStamp(Path folder, Stamp stamp) {
        stamp.write(folder.resolve(STAMP));
    }

    static Optional<Stamp> readStamp(Path folder) {
        Path file = folder.resolve(STAMP);
        return Files.isRegularFile(file) ? Optional.of(Stamp.read(file)) : Optional.empty();
    }

    /** Maps the archive; the JVM falls back to loading the classes itself should the archive not fit after all. */
    List<String> jvmOptions() {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
    }

    /**
     * What an archive is valid for: the executable jar it was made from (its content, and its size
     * and time so that a start need not read 80 MB to check), the unpacked jar at its absolute path
     * and time (as the JVM checks it), and the JVM's build.
     */
    record Stamp(
            String sourceSha256,
            long sourceSize,
            long sourceModified,
            String jar,
            long jarModified,
            String jvmVersion) {

        static Stamp of(Path sourceJar, String sourceSha256, Path unpackedJar, String jvmVersion) {
            try {
                return new Stamp(
                        sourceSha256,
                        Files.size(sourceJar),
                        Files.getLastModifiedTime(sourceJar).toMillis(),
                        unpackedJar.toAbsolutePath().normalize().toString(),
                        Files.getLastModifiedTime(unpackedJar).toMillis(),
                        jvmVersion);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** Made from the same bytes, for the same unpacked jar, by the same JVM: whatever the executable jar's file time. */
        boolean sameArchiveAs(Stamp other) {
            return sourceSha256.equals(other.sourceSha256)
                    && jar.equals(other.jar)
                    && jarModified == other.jarModified
                    && jvmVersion.equals(other.jvmVersion);
        }

        private static Stamp read(Path file) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
                return new Stamp(
                        properties.getProperty("source.sha256", ""),
                        Long.parseLong(properties.getProperty("source.size", "-1")),
                        Long.parseLong(properties.getProperty("source.modified", "-1")),
                        properties.getProperty("jar", ""),
                        Long.parseLong(properties.getProperty("jar.modified", "-1")),
                        properties.getProperty("java.vm.version", ""));
            } catch (IOException | NumberFormatException unreadable) {
                // Nothing matches it: the service starts from its executable jar, and the next build prepares it again.
                return new Stamp("", -1, -1, "", -1, "");
            }
        }

        private void write(Path file) {
            Properties properties = new Properties();
            properties.setProperty("source.sha256", sourceSha256);
            properties.setProperty("source.size", Long.toString(sourceSize));
            properties.setProperty("source.modified", Long.toString(sourceModified));
            properties.setProperty("jar", jar);
            properties.setProperty("jar.modified", Long.toString(jarModified));
            properties.setProperty("java.vm.version", jvmVersion);
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "What classes.jsa was made for: written by ServicePreparation");
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
