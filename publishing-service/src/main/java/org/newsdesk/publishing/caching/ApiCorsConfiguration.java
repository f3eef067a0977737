package org.newsdesk.publishing.caching;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Other sites may read the API from their readers' browsers: any origin, {@code GET} (and
 * {@code HEAD}) only, no credentials (the API has none), with the validators readable so their
 * scripts can make conditional requests too. The pages, feeds and photos get no CORS headers:
 * nothing but the API is meant for other sites' scripts.
 *
 * <p>A filter rather than the handler mapping's CORS: answers served from rendered copies never
 * reach a handler, and must carry the same headers ({@code Vary: Origin} included).
 */
@Configuration(proxyBeanMethods = false)
class ApiCorsConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    CorsWebFilter apiCors() {
        CorsConfiguration api = new CorsConfiguration();
        api.addAllowedOrigin("*");
        api.addAllowedMethod("GET");
        api.addAllowedMethod("HEAD");
        api.addAllowedHeader(HttpHeaders.IF_NONE_MATCH);
        api.addAllowedHeader(HttpHeaders.IF_MODIFIED_SINCE);
        api.addExposedHeader(HttpHeaders.ETAG);
        api.addExposedHeader(HttpHeaders.LAST_MODIFIED);
        api.setAllowCredentials(false);
        api.setMaxAge(86_400L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return new CorsWebFilter(source);
    }
}
