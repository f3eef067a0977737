package org.newsdesk.moderation.security;

import java.util.function.Function;

import org.newsdesk.web.ClientAddresses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * Moderators sign in with HTTP Basic for the JSON API. The API is not used from HTML forms with
 * cookies, so CSRF protection would only get in the way of its clients, and it keeps no session:
 * every call carries its credentials, which {@link RememberingAuthenticationManager} makes cheap
 * after the first. Health stays open for load balancers and orchestrators.
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

    @Bean
    ModeratorAccounts moderatorAccounts(ModeratorProperties properties, PasswordEncoder passwordEncoder) {
        return new ModeratorAccounts(properties, passwordEncoder);
    }

    /** Only the hashes are kept: a plain password exists just long enough to be encoded. */
    @Bean
    MapReactiveUserDetailsService moderators(ModeratorAccounts accounts) {
        return new MapReactiveUserDetailsService(accounts.users());
    }

    @Bean
    ReactiveAuthenticationManager moderatorAuthentication(ModeratorAccounts accounts,
            MapReactiveUserDetailsService moderators, PasswordEncoder passwordEncoder, ModeratorProperties properties,
            ObjectProvider<ClientAddresses> clientAddresses) {
        UserDetailsRepositoryReactiveAuthenticationManager bcrypt =
                new UserDetailsRepositoryReactiveAuthenticationManager(moderators);
        bcrypt.setPasswordEncoder(passwordEncoder);
        return new RememberingAuthenticationManager(accounts, bcrypt, new SignInThrottle(properties.signIn()),
                clientPseudonyms(clientAddresses), properties.signIn());
    }

    /**
     * Clients known by newsdesk-web's daily pseudonym of their address. Only a run without a web
     * server (a rebuild) lacks it, and nobody can sign in to that anyway.
     */
    private static Function<ServerWebExchange, String> clientPseudonyms(ObjectProvider<ClientAddresses> addresses) {
        ClientAddresses clients = addresses.getIfAvailable();
        return clients == null ? exchange -> "no-web-server" : clients::pseudonym;
    }

    @Bean
    SecurityWebFilterChain moderatorSecurity(ServerHttpSecurity http, ReactiveAuthenticationManager moderatorAuthentication) {
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint("Newsdesk moderation");
        return http
                .authenticationManager(moderatorAuthentication)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
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
