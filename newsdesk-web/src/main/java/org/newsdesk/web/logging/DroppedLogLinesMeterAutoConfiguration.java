package org.newsdesk.web.logging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@code newsdesk.log.lines.dropped}: log lines the service dropped because whoever reads its
 * output stopped taking them ({@link NeverBlockingAppender}). Rising means the log is incomplete
 * and its reader (a launcher, a log shipper) is stuck; the service itself goes on answering.
 */
@AutoConfiguration
@ConditionalOnClass({MeterRegistry.class, ch.qos.logback.classic.AsyncAppender.class})
public class DroppedLogLinesMeterAutoConfiguration {

    @Bean
    MeterBinder newsdeskDroppedLogLinesMeter() {
        return registry -> FunctionCounter.builder(
                        "newsdesk.log.lines.dropped",
                        NeverBlockingAppender.class,
                        unused -> NeverBlockingAppender.dropped())
                .description("Log lines dropped because the log's reader did not take them")
                .register(registry);
    }
}
