package org.newsdesk.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The tests' {@code WebTestClient} opens a connection for every request; every service's
 * integration tests import it.
 *
 * <p>Why: Reactor Netty's server (1.3.7, as Spring Boot 4.1 brings it) has races on kept-alive
 * connections, fixed only in later versions. It now and then stops reading a connection when a
 * request arrived before the one before it had finished and is answered at once, as a 400 or a 406
 * is (reactor/reactor-netty#4361), and a new request can inherit the previous one's ending
 * operations (#4188). The next request on that connection is never answered: on loaded CI machines
 * about one call in a few thousand waited out the client's 30 s, each time in another test. That is
 * no behaviour of these services and must not make their tests hang; moderation's
 * {@code KeepAliveConnectionTests} keeps one connection open on purpose and watches for it.
 *
 * <p>A new connection per request, never pooled, rather than {@code Connection: close}: with that
 * header, two tests that send a body too large to read (answered {@code 413}) failed in one CI run,
 * the client still sending when the connection closed; without it the server treats the request
 * as it did before this class existed, and no connection is ever used twice.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ConnectionPerRequest {

    @Bean
    WebTestClientBuilderCustomizer connectionPerRequest() {
        return builder -> builder.clientConnector(
                new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())));
    }
}
