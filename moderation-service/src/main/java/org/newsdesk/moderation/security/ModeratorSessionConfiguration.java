package org.newsdesk.moderation.security;

import org.mongodb.spring.session.ReactiveMongoSessionRepository;
import org.mongodb.spring.session.config.annotation.web.reactive.EnableMongoWebSession;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * Page sessions live in MongoDB (the MongoDB team's Spring Session module), so a moderator stays
 * signed in across a restart and on every instance behind a load balancer. API calls keep no session.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableMongoWebSession
@EnableConfigurationProperties(SessionProperties.class)
class ModeratorSessionConfiguration {

    static final String COOKIE = "NEWSDESK_MODERATION";

    @Bean
    ReactiveSessionRepositoryCustomizer<ReactiveMongoSessionRepository> sessionSettings(SessionProperties properties) {
        return repository -> {
            repository.setDefaultMaxInactiveInterval(properties.idleTimeout());
            repository.setCollectionName(properties.collection());
        };
    }

    /** Not readable by scripts, and only sent along with another site's top-level links (forms need the CSRF token besides). */
    @Bean
    WebSessionIdResolver webSessionIdResolver(SessionProperties properties) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(COOKIE);
        resolver.addCookieInitializer(
                cookie -> cookie.httpOnly(true).sameSite("Lax").path("/").secure(properties.secureCookie()));
        return resolver;
    }
}
