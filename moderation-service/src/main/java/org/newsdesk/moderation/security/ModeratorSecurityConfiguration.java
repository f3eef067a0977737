package org.newsdesk.moderation.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Moderators sign in with HTTP Basic as the single user {@value #MODERATOR}. The JSON API is not
 * used from HTML forms with cookies, so CSRF protection would only get in the way of its clients;
 * health stays open for load balancers and orchestrators.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(ModeratorProperties.class)
class ModeratorSecurityConfiguration {

    static final String MODERATOR = "moderator";
    static final String ROLE = "MODERATOR";

    /** BCrypt behind a prefix that names the algorithm, so a later change of hash can upgrade in place. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Only the hash is kept: the plain password exists just long enough to be encoded. */
    @Bean
    MapReactiveUserDetailsService moderators(ModeratorProperties properties, PasswordEncoder passwordEncoder) {
        return new MapReactiveUserDetailsService(User.withUsername(MODERATOR)
                .password(passwordEncoder.encode(ModeratorPassword.resolve(properties)))
                .roles(ROLE)
                .build());
    }

    @Bean
    SecurityWebFilterChain moderatorSecurity(ServerHttpSecurity http) {
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint("Newsdesk moderation");
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .pathMatchers("/api/**").hasRole(ROLE)
                        .anyExchange().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .build();
    }
}
