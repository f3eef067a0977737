package org.newsdesk.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.newsdesk.launcher.NewsdeskServices.Service;

/**
 * How each service is started: the JVM's options, the service's own jar, and the properties that
 * tell it where Kafka and MongoDB are, which port and address it listens on, and who supervises
 * it, as one command line per service. Properties go on the command line, where they take
 * precedence over the service's configuration files and environment.
 */
final class ServiceCommandLines {

    /**
     * Chosen by measurement (the README's benchmark, fresh store, 2 cores, four JVMs): with these,
     * a start took 23 s, an accepted tip 51 ms of CPU at 50 tips/s and the run 2.5 GB after load;
     * with the JVM's own defaults (the JIT's top tier and G1) 57 s, 94 ms and 3.6 GB, publishing's
     * JVM alone 1.3 GB; the top tier with the serial collector 45 s and 73 ms. On two cores the
     * top tier's compiling competes with the services it compiles for. The heap limit keeps a JVM
     * from growing towards a quarter of the machine's memory; it leaves room for publishing's 64 MB
     * of rendered copies and a resident's photos (not yet measured under a load of photos). The
     * JVM samples its performance counters (for jstat and jcmd) every 50 ms by default, which kept
     * each idle service's "VM Periodic Task" thread at 0.25-0.4% of a core; once a second it is
     * 0.02%, and jstat still works.
     */
    static final List<String> JVM_OPTIONS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m", "-XX:PerfDataSamplingInterval=1000");

    private final Map<String, String> common = new LinkedHashMap<>();
    private final Map<Service, Map<String, String>> perService = new EnumMap<>(Service.class);
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Integer> managementPorts = new EnumMap<>(Service.class);
    private Path servicesDirectory;
    private String bindAddress = "127.0.0.1";
    private List<String> jvmOptions = JVM_OPTIONS;

    ServiceCommandLines(String kafkaBootstrapServers, String mongoUri) {
        common.put("spring.kafka.bootstrap-servers", Objects.requireNonNull(kafkaBootstrapServers));
        common.put("spring.mongodb.uri", Objects.requireNonNull(mongoUri));
        // The service stops itself should this JVM die without stopping it first.
        common.put(
                "newsdesk.supervisor-pid", Long.toString(ProcessHandle.current().pid()));
        common.put("spring.main.banner-mode", "off");
        // Every line is prefixed with the service's name already.
        common.put("logging.include-application-name", "false");
        for (Service service : Service.values()) {
            perService.put(service, new LinkedHashMap<>());
            ports.put(service, service.defaultPort());
            managementPorts.put(service, service.defaultManagementPort());
        }
    }

    void servicesDirectory(Path directory) {
        this.servicesDirectory = directory;
    }

    void port(Service service, int port) {
        ports.put(service, port);
    }

    int port(Service service) {
        return ports.get(service);
    }

    void managementPort(Service service, int port) {
        managementPorts.put(service, port);
    }

    int managementPort(Service service) {
        return managementPorts.get(service);
    }

    /** Every service on a port that is free now (the services cannot report a port of their own choosing back). */
    void randomPorts() {
        for (Service service : Service.values()) {
            port(service, freePort());
            managementPort(service, freePort());
        }
    }

    void bindAddress(String address) {
        this.bindAddress = address;
    }

    void jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
    }

    void property(String name, String value) {
        common.put(name, value);
    }

    void property(Service service, String name, String value) {
        perService.get(service).put(name, value);
    }

    /**
     * From the service's prepared form when the build made one for this JVM (a start in about half
     * the time, see {@link PreparedService}), otherwise from its executable jar.
     */
    List<String> commandLine(String java, Service service) {
        Path jar = jar(service);
        return PreparedService.find(servicesDirectory, service)
                .map(prepared -> {
                    List<String> options = new ArrayList<>(jvmOptions);
                    options.addAll(prepared.jvmOptions());
                    return commandLine(java, service, prepared.jar(), options);
                })
                .orElseGet(() -> commandLine(java, service, jar, jvmOptions));
    }

    boolean isPrepared(Service service) {
        return PreparedService.find(servicesDirectory, service).isPresent();
    }

    List<String> commandLine(String java, Service service, Path jar, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        Map<String, String> properties = new LinkedHashMap<>(common);
        properties.put("server.port", Integer.toString(ports.get(service)));
        properties.put("server.address", bindAddress);
        properties.put("management.server.port", Integer.toString(managementPorts.get(service)));
        properties.put("management.server.address", bindAddress);
        properties.putAll(perService.get(service));
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        return command;
    }

    /** Where the supervisor asks the services for their health: any-address binds answer on loopback too. */
    String healthHost() {
        try {
            InetAddress address = InetAddress.getByName(bindAddress);
            return address.isAnyLocalAddress()
                    ? "127.0.0.1"
                    : address instanceof Inet6Address ? "[" + bindAddress + "]" : bindAddress;
        } catch (UnknownHostException unknown) {
            return bindAddress;
        }
    }

    private Path jar(Service service) {
        if (servicesDirectory == null) {
            throw new IllegalStateException("No services directory given");
        }
        Path jar = servicesDirectory.resolve(service.jarName()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The " + service.shortName() + " service's jar is not at " + jar
                    + ": build Newsdesk with ./mvnw -DskipTests package");
        }
        return jar;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not find a free port", ex);
        }
    }
}
