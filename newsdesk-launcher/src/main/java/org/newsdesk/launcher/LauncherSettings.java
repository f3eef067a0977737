package org.newsdesk.launcher;

import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.newsdesk.launcher.NewsdeskServices.Service;

/**
 * What the embedded run can be told through the environment: where its data and the service jars
 * are, which address the services listen on (this machine only unless told otherwise), and, for
 * running a second copy beside the first (as the crash test does), its ports. The defaults are the
 * public contract's.
 */
record LauncherSettings(
        Path dataDir,
        Path servicesDir,
        int kafkaPort,
        int kafkaControllerPort,
        int mongoPort,
        Map<Service, Integer> servicePorts,
        Map<Service, Integer> managementPorts,
        InetAddress bindAddress,
        List<String> serviceJvmOptions) {

    /** Where the services listen unless NEWSDESK_BIND_ADDRESS says otherwise: this machine only. */
    static final String LOOPBACK = "127.0.0.1";

    /** The moderator password everyone who read the README knows. */
    static final String LOCAL_DEFAULT_PASSWORD = "moderator";

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int MONGO_PORT = 27017;

    static LauncherSettings from(Map<String, String> environment, String launcherClassPath) {
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        Map<Service, Integer> managementPorts = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            servicePorts.put(service, port(environment, "NEWSDESK_" + service.name() + "_PORT", service.defaultPort()));
            managementPorts.put(
                    service,
                    port(
                            environment,
                            "NEWSDESK_" + service.name() + "_MANAGEMENT_PORT",
                            service.defaultManagementPort()));
        }
        return new LauncherSettings(
                dataDirectory(environment.get("NEWSDESK_DATA_DIR")),
                servicesDirectory(environment.get("NEWSDESK_SERVICES_DIR"), launcherClassPath),
                port(environment, "NEWSDESK_KAFKA_PORT", KAFKA_PORT),
                port(environment, "NEWSDESK_KAFKA_CONTROLLER_PORT", KAFKA_CONTROLLER_PORT),
                port(environment, "NEWSDESK_MONGODB_PORT", MONGO_PORT),
                Map.copyOf(servicePorts),
                Map.copyOf(managementPorts),
                bindAddress(environment.get("NEWSDESK_BIND_ADDRESS")),
                serviceJvmOptions(environment.get("NEWSDESK_SERVICE_JVM_OPTIONS")));
    }

    /**
     * The options of each service's JVM, separated by spaces, in place of the defaults
     * ({@link ServiceCommandLines#JVM_OPTIONS}): for measuring other flags, or for a heap of another size.
     */
    static List<String> serviceJvmOptions(String configured) {
        if (isBlank(configured)) {
            return ServiceCommandLines.JVM_OPTIONS;
        }
        return List.of(configured.trim().split("\\s+"));
    }

    /** Whether other machines can reach the services: any address but a loopback one. */
    boolean listensBeyondThisMachine() {
        return !bindAddress.isLoopbackAddress();
    }

    /** The address in the form a service's {@code server.address} takes. */
    String bindHost() {
        return bindAddress.getHostAddress();
    }

    /**
     * Whether the moderation service may fall back to the local default password: only when it
     * listens on this machine alone. Beyond it, anyone on the network could read the queue, with
     * residents' contact details, so a password of one's own is required, and the default is refused.
     *
     * @throws IllegalStateException when the run listens beyond this machine without a password of its own
     */
    boolean localDefaultPasswordAllowed(String moderatorPassword) {
        boolean none = isBlank(moderatorPassword);
        if (listensBeyondThisMachine() && (none || LOCAL_DEFAULT_PASSWORD.equals(moderatorPassword.trim()))) {
            throw new SettingsRefused("NEWSDESK_BIND_ADDRESS=" + bindHost() + " makes the services reachable "
                    + "from other machines, so the moderators' password cannot be the local default '"
                    + LOCAL_DEFAULT_PASSWORD + "': set NEWSDESK_MODERATOR_PASSWORD to a password of your own, or leave "
                    + "NEWSDESK_BIND_ADDRESS unset to listen on " + LOOPBACK + " only");
        }
        return !listensBeyondThisMachine();
    }

    /** An IP address only: a host name could resolve differently from one start to the next. */
    static InetAddress bindAddress(String configured) {
        String address = isBlank(configured) ? LOOPBACK : configured.trim();
        if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new SettingsRefused("NEWSDESK_BIND_ADDRESS must be an IP address such as " + LOOPBACK
                    + " (this machine only) or 0.0.0.0 (every interface), not '" + configured + "'");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException notAnAddress) {
            throw new SettingsRefused("NEWSDESK_BIND_ADDRESS must be an IP address, not '" + configured + "'");
        }
    }

    int port(Service service) {
        return servicePorts.get(service);
    }

    /** Where the service serves {@code /actuator/prometheus}. */
    int managementPort(Service service) {
        return managementPorts.get(service);
    }

    /** Relative to the folder the command is run from, made absolute so the ready line shows exactly where. */
    static Path dataDirectory(String configured) {
        Path directory = isBlank(configured) ? Path.of(".newsdesk-data") : Path.of(configured);
        return directory.toAbsolutePath().normalize();
    }

    /**
     * The build puts the service jars in {@code services/} beside the launcher's jar; started with
     * {@code java -jar}, the class path is exactly that jar. Anywhere else (an IDE, say), the
     * directory must be named.
     */
    static Path servicesDirectory(String configured, String launcherClassPath) {
        if (!isBlank(configured)) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path launcherJar = Path.of(launcherClassPath).toAbsolutePath().normalize();
        if (launcherClassPath.contains(File.pathSeparator) || !Files.isRegularFile(launcherJar)) {
            throw new SettingsRefused("Set NEWSDESK_SERVICES_DIR to the folder holding the service jars"
                    + " (newsdesk-launcher/target/services after ./mvnw -DskipTests package), or start the launcher"
                    + " with java -jar newsdesk-launcher/target/newsdesk-exec.jar");
        }
        return launcherJar.resolveSibling("services");
    }

    private static int port(Map<String, String> environment, String variable, int defaultPort) {
        String configured = environment.get(variable);
        if (isBlank(configured)) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(configured.trim());
        } catch (NumberFormatException ex) {
            throw new SettingsRefused(variable + " must be a port number, not '" + configured + "'");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
