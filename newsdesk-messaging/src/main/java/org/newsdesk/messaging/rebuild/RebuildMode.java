package org.newsdesk.messaging.rebuild;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code --newsdesk.rebuild=true} turns a service into its own rebuild command: it reads its topics
 * from the beginning into its (empty) database and stops. Nothing else of the service runs: no web
 * server, no listeners (their consumer group keeps its offsets), no outbox relay (what the rebuilt
 * records would announce is in the log already, or is announced by the next normal start).
 */
public class RebuildMode implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY = "newsdesk.rebuild";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(PROPERTY, Boolean.class, false)) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "newsdesk-rebuild-mode",
                            Map.of(
                                    "spring.main.web-application-type", "none",
                                    "spring.kafka.listener.auto-startup", "false",
                                    "newsdesk.outbox.enabled", "false")));
        }
    }

    /** After the configuration files are read, so the rebuild switch can come from any of them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
