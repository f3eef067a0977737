package org.newsdesk.web.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Bean;

/**
 * {@code newsdesk.ready}: 1 while the service takes traffic, 0 while its readiness is down (it is
 * starting, stopping, or has said it cannot serve). An alert on it says "not ready" before anyone
 * reads a log; Prometheus's own {@code up} says whether it answers at all.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class ReadinessMeterAutoConfiguration {

    @Bean
    MeterBinder newsdeskReadinessMeter(ApplicationAvailability availability) {
        return registry -> Gauge.builder("newsdesk.ready", availability, ReadinessMeterAutoConfiguration::ready)
                .description("1 while the service takes traffic, 0 while its readiness is down")
                .register(registry);
    }

    static double ready(ApplicationAvailability availability) {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC ? 1 : 0;
    }
}
