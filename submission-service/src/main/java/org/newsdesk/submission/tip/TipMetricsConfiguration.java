package org.newsdesk.submission.tip;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The counts of tips accepted and refused, wherever tips are taken (a rebuild run takes none). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class TipMetricsConfiguration {

    @Bean
    TipOutcomeMeter tipOutcomeMeter(MeterRegistry registry) {
        return new TipOutcomeMeter(registry);
    }
}
