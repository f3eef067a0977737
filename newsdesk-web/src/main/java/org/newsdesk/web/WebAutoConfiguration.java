package org.newsdesk.web;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The conventions every Newsdesk web service shares; see {@link SecurityHeaders} and {@link ClientAddresses}. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(WebProperties.class)
public class WebAutoConfiguration {

    @Bean
    SecurityHeaders newsdeskSecurityHeaders(WebProperties properties) {
        return new SecurityHeaders(properties.contentSecurityPolicy());
    }

    @Bean
    @ConditionalOnMissingBean
    ClientAddresses clientAddresses(WebProperties properties) {
        return new ClientAddresses(properties.trustedProxies(), Clock.systemUTC());
    }

    @Bean
    RouterFunction<ServerResponse> newsdeskFavicon() {
        return Favicon.route();
    }
}
