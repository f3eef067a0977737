package org.newsdesk.moderation.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.function.Function;
import org.newsdesk.moderation.record.EditorialRecord;
import org.newsdesk.web.ClientAddresses;
import org.newsdesk.web.problem.ProblemException;
import org.newsdesk.web.problem.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Moderators sign in with HTTP Basic for the JSON API and with a form for the pages; both check
 * passwords through {@link RememberingAuthenticationManager}, which throttles failures and makes
 * repeated HTTP Basic calls cheap after the first.
 */
@Configuration(proxyBeanMethods = false)
// ServerProperties as well: a rebuild runs without a web server, yet must know where the service listens.
@EnableConfigurationProperties({ModeratorProperties.class, ServerProperties.class})
class ModeratorSecurityConfiguration {

    static final String MODERATOR = "moderator";
    static final String LOGIN = "/login";

    /** BCrypt behind a prefix that names the algorithm, so a later change of hash can upgrade in place. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ModeratorAccounts moderatorAccounts(
            ModeratorProperties properties, PasswordEncoder passwordEncoder, ServerProperties server) {
        return new ModeratorAccounts(properties, passwordEncoder, server.getAddress());
    }

    @Bean
    PasswordRule passwordRule() {
        return new PasswordRule();
    }

    @Bean
    ReactiveAuthenticationManager moderatorAuthentication(
            AccountDirectory accounts,
            PasswordEncoder passwordEncoder,
            ModeratorProperties properties,
            ObjectProvider<ClientAddresses> clientAddresses,
            EditorialRecord record,
            MeterRegistry meters) {
        return new RememberingAuthenticationManager(
                accounts,
                passwordEncoder,
                new SignInThrottle(properties.signIn()),
                clientPseudonyms(clientAddresses),
                properties.signIn(),
                new SignInRecord(record::append, Clock.systemUTC(), meters));
    }

    /**
     * Clients known by newsdesk-web's daily pseudonym of their address. Only a run without a web
     * server (a rebuild) lacks it, and nobody can sign in to that anyway.
     */
    private static Function<ServerWebExchange, String> clientPseudonyms(ObjectProvider<ClientAddresses> addresses) {
        ClientAddresses clients = addresses.getIfAvailable();
        return clients == null ? exchange -> "no-web-server" : clients::pseudonym;
    }

    /** Back to the form, which says why: a wrong password, or too many failures for now. */
    static ServerAuthenticationFailureHandler signInFailed() {
        RedirectServerAuthenticationFailureHandler wrongPassword =
                new RedirectServerAuthenticationFailureHandler(LOGIN + "?" + LoginPage.WRONG_PASSWORD);
        RedirectServerAuthenticationFailureHandler throttled =
                new RedirectServerAuthenticationFailureHandler(LOGIN + "?" + LoginPage.THROTTLED);
        return (exchange, failure) -> (failure instanceof SignInThrottledException ? throttled : wrongPassword)
                .onAuthenticationFailure(exchange, failure);
    }

    /** The filter chains, wherever there is a web server: a rebuild runs without one, and needs none. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @EnableWebFluxSecurity
    static class FilterChains {

        /**
         * A request Spring Security's firewall refuses before any chain sees it (an encoded slash,
         * a NUL, a dot segment in the path) is answered like every other refusal, not with a bare 400.
         */
        @Bean
        ServerExchangeRejectedHandler problemForRefusedAddresses(ProblemWriter problems) {
            return (exchange, refused) -> problems.write(
                    exchange,
                    ProblemException.of(
                            HttpStatus.BAD_REQUEST,
                            "Address refused",
                            "The address holds something this service never takes: an encoded slash,"
                                    + " a NUL or a dot segment."));
        }

        /**
         * The JSON API: HTTP Basic on every call, no session, no CSRF (no browser form posts to it).
         * Ordered first, so that its paths never reach the pages' form login.
         */
        @Bean
        @Order(1)
        SecurityWebFilterChain moderatorApiSecurity(
                ServerHttpSecurity http,
                ReactiveAuthenticationManager moderatorAuthentication,
                ProblemWriter problems) {
            ProblemAuthenticationEntryPoint unauthorized =
                    new ProblemAuthenticationEntryPoint("Newsdesk moderation", problems);
            return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
                    .authenticationManager(moderatorAuthentication)
                    .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                    .authorizeExchange(exchanges -> exchanges
                            .pathMatchers(Role.EDITORS_ONLY)
                            .hasRole(Role.EDITOR.name())
                            .anyExchange()
                            .hasRole(Role.MODERATOR.name()))
                    .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                    .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized))
                    .csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                    .logout(ServerHttpSecurity.LogoutSpec::disable)
                    .build();
        }

        /**
         * The moderators' pages: form login at {@value ModeratorSecurityConfiguration#LOGIN} into a session (whose id changes at
         * sign-in, against fixation), CSRF tokens kept in that session for every form (a form without
         * its token is a 403 problem), logout. Health stays open for load balancers and orchestrators;
         * everything else needs a moderator.
         */
        @Bean
        @Order(2)
        SecurityWebFilterChain moderatorPageSecurity(
                ServerHttpSecurity http,
                ReactiveAuthenticationManager moderatorAuthentication,
                AccountDirectory accounts,
                EditorialRecord record,
                ProblemWriter problems,
                MeterRegistry meters) {
            AccountCheckingContextRepository sessions = new AccountCheckingContextRepository(accounts);
            SignInRecord signIns = new SignInRecord(record::append, Clock.systemUTC(), meters);
            RedirectServerLogoutSuccessHandler signedOut = new RedirectServerLogoutSuccessHandler();
            signedOut.setLogoutSuccessUrl(URI.create(LOGIN + "?" + LoginPage.SIGNED_OUT));
            return http.authenticationManager(moderatorAuthentication)
                    .securityContextRepository(sessions)
                    .authorizeExchange(exchanges -> exchanges
                            // Metrics are served on the management port only, which is not the public one.
                            .pathMatchers(
                                    "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                            .permitAll()
                            .pathMatchers(HttpMethod.GET, LOGIN, "/assets/**", "/favicon.svg")
                            .permitAll()
                            // Reached by a one-time link, before its person has a password.
                            .pathMatchers(ModeratorAccounts.SET_PASSWORD)
                            .permitAll()
                            .pathMatchers(Role.EDITORS_ONLY)
                            .hasRole(Role.EDITOR.name())
                            .anyExchange()
                            .hasRole(Role.MODERATOR.name()))
                    .formLogin(form -> form.loginPage(LOGIN)
                            .securityContextRepository(sessions)
                            .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/queue"))
                            .authenticationFailureHandler(signInFailed()))
                    .logout(logout -> logout.logoutUrl("/logout")
                            .logoutHandler(handlers -> handlers.add(
                                    0,
                                    (exchange, authentication) -> authentication == null
                                            ? Mono.empty()
                                            : signIns.signedOut(authentication.getName())))
                            .logoutSuccessHandler(signedOut))
                    .csrf(csrf -> csrf.csrfTokenRepository(new WebSessionServerCsrfTokenRepository())
                            .accessDeniedHandler((exchange, denied) -> problems.write(
                                    exchange,
                                    ProblemException.of(
                                            HttpStatus.FORBIDDEN,
                                            HttpStatus.FORBIDDEN.getReasonPhrase(),
                                            "The form's token is missing or out of date: open the page again and send it"
                                                    + " from there"))))
                    .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                    .build();
        }
    }
}
