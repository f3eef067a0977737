package org.newsdesk.publishing.caching;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Other sites may read the API from their readers' browsers: any origin, {@code GET} (and
 * {@code HEAD}) only, no credentials (the API has none), with the validators readable so their
 * scripts can make conditional requests too. The pages, feeds and photos get no CORS headers:
 * nothing but the API is meant for other sites' scripts.
 */
@Configuration(proxyBeanMethods = false)
class ApiCorsConfiguration implements WebFluxConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/**")
                .allowedOrigins("*")
                .allowedMethods("GET", "HEAD")
                .allowedHeaders(HttpHeaders.IF_NONE_MATCH, HttpHeaders.IF_MODIFIED_SINCE)
                .exposedHeaders(HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED)
                .allowCredentials(false)
                .maxAge(86_400);
    }
}
