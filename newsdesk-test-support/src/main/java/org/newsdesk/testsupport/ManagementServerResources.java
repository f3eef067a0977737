package org.newsdesk.testsupport;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives a test's management server (the port of {@code /actuator/prometheus}) event loops of its
 * own, as Spring Boot's test support already gives a test's main server. Left alone it runs on
 * Reactor Netty's global loops, and a test that starts and closes an application of its own in
 * the same JVM (a restart, a rebuild run) disposes of those as it closes: the cached contexts'
 * management servers stopped answering. Registered for the management's child context in test
 * JVMs only; production runs one application per JVM and keeps the defaults.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class ManagementServerResources {

    @Bean
    ReactorResourceFactory newsdeskManagementServerLoops() {
        ReactorResourceFactory loops = new ReactorResourceFactory();
        loops.setUseGlobalResources(false);
        return loops;
    }

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> newsdeskManagementServerOnItsOwnLoops(
            ReactorResourceFactory newsdeskManagementServerLoops) {
        return factory -> factory.setResourceFactory(newsdeskManagementServerLoops);
    }
}
