package org.newsdesk.web.time;

import org.newsdesk.web.WebProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The outlet's clock face in every service, with a web server or without one: a read model's
 * rebuild runs without a server and still builds the pages' components.
 */
@AutoConfiguration
@EnableConfigurationProperties(WebProperties.class)
public class OutletTimeAutoConfiguration {

    /** Named so that a page can also reach it as {@code ${@outletTime.dateTime(at)}}. */
    @Bean
    @ConditionalOnMissingBean
    OutletTime outletTime(WebProperties properties) {
        return new OutletTime(properties.zone());
    }
}
