package org.newsdesk.moderation.web;

import org.newsdesk.web.WebProperties;
import org.newsdesk.web.time.OutletTime;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outlet's time for a run without a web server too: newsdesk-web makes {@link OutletTime}
 * only beside one, yet a rebuild, which runs without, still makes the pages' beans that show
 * times. Same name and zone setting as newsdesk-web's, which stands back when this one is made.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class OutletTimeEverywhere {

    @Bean
    @ConditionalOnMissingBean
    OutletTime outletTime(WebProperties properties) {
        return new OutletTime(properties.zone());
    }
}
