package org.newsdesk.publishing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;

/**
 * The tests' client opens a connection for every request. Reactor Netty's server (1.3.7) now and
 * then stops reading a kept-alive connection when a request arrived before the one before it had
 * finished and that request is answered at once, as a 400 or a 406 is (reactor/reactor-netty#4361):
 * the next request on it is never answered. That is no behaviour of this service, and must not
 * make its tests hang.
 */
@TestConfiguration(proxyBeanMethods = false)
class ConnectionPerRequest {

    @Bean
    WebTestClientBuilderCustomizer connectionPerRequest() {
        return builder -> builder.clientConnector(
                new ReactorClientHttpConnector(HttpClient.create().keepAlive(false)));
    }
}
