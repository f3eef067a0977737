package org.newsdesk.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.newsdesk.moderation.ModerationApplication;
import org.newsdesk.publishing.PublishingApplication;
import org.newsdesk.submission.SubmissionApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The three Newsdesk services running side by side in this JVM, each in its own Spring context,
 * against a Kafka and a MongoDB that the caller provides. Used by the embedded launcher and by the
 * end-to-end tests:
 *
 * <pre>{@code
 * try (NewsdeskServices services = NewsdeskServices.against(bootstrapServers, mongoUri)
 *         .randomPorts()
 *         .property(Service.PUBLISHING, "newsdesk.publishing.public-base-url", "http://localhost:18083")
 *         .start()) {
 *     int port = services.get(Service.SUBMISSION).port();
 * }
 * }</pre>
 *
 * Closing stops them in the reverse order of starting: first the service that takes tips in,
 * last the one that publishes them.
 */
public final class NewsdeskServices implements AutoCloseable {

    /*
     * One classpath carries every service's dependencies, and Spring Boot configures whatever it
     * finds. Each service therefore leaves out the auto-configurations that only another service
     * asked for.
     */

    /**
     * Spring Security is there for the moderation service only; left alone, Spring Boot would put
     * a generated password in front of the public submission and reading sites too.
     */
    static final List<String> SECURITY_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration");

    /** Thymeleaf renders the publishing service's reader pages; the others have no templates. */
    static final List<String> THYMELEAF_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration");

    private static final String AUTOCONFIGURE_EXCLUDE = "spring.autoconfigure.exclude";

    /** The services in start order: readers' side first, so every consumer is listening before tips arrive. */
    public enum Service {

        PUBLISHING(8083, PublishingApplication.class, PublishingApplication::application,
                SECURITY_AUTO_CONFIGURATIONS),
        MODERATION(8082, ModerationApplication.class, ModerationApplication::application,
                THYMELEAF_AUTO_CONFIGURATIONS),
        SUBMISSION(8081, SubmissionApplication.class, SubmissionApplication::application,
                concat(SECURITY_AUTO_CONFIGURATIONS, THYMELEAF_AUTO_CONFIGURATIONS));

        private final int defaultPort;
        private final Class<?> applicationClass;
        private final Supplier<SpringApplicationBuilder> application;
        private final List<String> othersAutoConfigurations;

        Service(int defaultPort, Class<?> applicationClass, Supplier<SpringApplicationBuilder> application,
                List<String> othersAutoConfigurations) {
            this.defaultPort = defaultPort;
            this.applicationClass = applicationClass;
            this.application = application;
            this.othersAutoConfigurations = othersAutoConfigurations;
        }

        /** Auto-configurations that other services brought onto the shared classpath, left out of this one. */
        List<String> othersAutoConfigurations() {
            return othersAutoConfigurations;
        }

        private static List<String> concat(List<String> first, List<String> second) {
            List<String> both = new ArrayList<>(first);
            both.addAll(second);
            return List.copyOf(both);
        }

        /** The port from the service's own configuration, as in the public contract. */
        public int defaultPort() {
            return defaultPort;
        }
    }

    /** One started service: its Spring context and the port it actually listens on. */
    public record RunningService(Service service, ConfigurableApplicationContext context, int port) {

        public String baseUrl() {
            return "http://localhost:" + port;
        }
    }

    private final Map<Service, RunningService> running;

    private NewsdeskServices(Map<Service, RunningService> running) {
        this.running = running;
    }

    /** Prepares the services to run against this Kafka cluster and this MongoDB deployment. */
    public static Starter against(String kafkaBootstrapServers, String mongoUri) {
        return new Starter(kafkaBootstrapServers, mongoUri);
    }

    public RunningService get(Service service) {
        return running.get(service);
    }

    public RunningService submission() {
        return get(Service.SUBMISSION);
    }

    public RunningService moderation() {
        return get(Service.MODERATION);
    }

    public RunningService publishing() {
        return get(Service.PUBLISHING);
    }

    @Override
    public void close() {
        List<RunningService> stopOrder = new ArrayList<>(running.values());
        Collections.reverse(stopOrder);
        for (RunningService service : stopOrder) {
            service.context().close();
        }
    }

    /** Collects ports and properties, then starts all three services. */
    public static final class Starter {

        private final Map<String, String> common = new LinkedHashMap<>();
        private final Map<Service, Map<String, String>> perService = new EnumMap<>(Service.class);

        private Starter(String kafkaBootstrapServers, String mongoUri) {
            common.put("spring.kafka.bootstrap-servers", Objects.requireNonNull(kafkaBootstrapServers));
            common.put("spring.mongodb.uri", Objects.requireNonNull(mongoUri));
            // The host owns the JVM: Logback must outlive the contexts to report their shutdown.
            common.put("logging.register-shutdown-hook", "false");
            // Logging is set up once per JVM, so it would show the first service's name on every service's lines.
            common.put("logging.include-application-name", "false");
            // Metrics.globalRegistry is static: bound to it, each service's meters would show up in the others'.
            common.put("management.metrics.use-global-registry", "false");
            for (Service service : Service.values()) {
                perService.put(service, new LinkedHashMap<>());
            }
        }

        /** Listens on {@code port} instead of the service's own; 0 picks a free one. */
        public Starter port(Service service, int port) {
            return property(service, "server.port", Integer.toString(port));
        }

        /** Every service on a free port of the operating system's choosing. */
        public Starter randomPorts() {
            for (Service service : Service.values()) {
                port(service, 0);
            }
            return this;
        }

        /** A property for every service, taking precedence over their configuration files and environment. */
        public Starter property(String name, String value) {
            common.put(name, value);
            return this;
        }

        /** A property for one service, taking precedence over everything else. */
        public Starter property(Service service, String name, String value) {
            perService.get(service).put(name, value);
            return this;
        }

        /**
         * Starts the services one after another; if one fails, those already started are
         * closed again and the failure is rethrown.
         */
        public NewsdeskServices start() {
            Map<Service, RunningService> running = new EnumMap<>(Service.class);
            try {
                for (Service service : Service.values()) {
                    ConfigurableApplicationContext context = service.application.get()
                            // Otherwise Spring Boot takes the host's main class for the application's own.
                            .main(service.applicationClass)
                            .registerShutdownHook(false)
                            .initializers(Starter::ownNettyResources)
                            .run(commandLineFor(service));
                    int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
                    running.put(service, new RunningService(service, context, port));
                }
            }
            catch (RuntimeException ex) {
                new NewsdeskServices(running).close();
                throw ex;
            }
            return new NewsdeskServices(running);
        }

        /**
         * By default every Spring context in a JVM serves HTTP on Reactor Netty's global event
         * loops, and closing any context disposes of them: stopping the first service would cut
         * the requests the other two are still finishing. Each co-hosted service gets loops of its
         * own instead (Spring Boot's own factory steps back when one is defined).
         */
        private static void ownNettyResources(ConfigurableApplicationContext context) {
            ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
                ReactorResourceFactory resources = new ReactorResourceFactory();
                resources.setUseGlobalResources(false);
                // The web server has drained its requests gracefully by the time the loops close.
                resources.setShutdownQuietPeriod(Duration.ofMillis(100));
                return resources;
            });
        }

        String[] commandLineFor(Service service) {
            Map<String, String> properties = new LinkedHashMap<>(common);
            properties.putAll(perService.get(service));
            List<String> excluded = new ArrayList<>(service.othersAutoConfigurations());
            String requested = properties.get(AUTOCONFIGURE_EXCLUDE);
            if (requested != null && !requested.isBlank()) {
                excluded.add(requested);
            }
            properties.put(AUTOCONFIGURE_EXCLUDE, String.join(",", excluded));
            return properties.entrySet().stream()
                    .map(property -> "--" + property.getKey() + "=" + property.getValue())
                    .toArray(String[]::new);
        }
    }
}
