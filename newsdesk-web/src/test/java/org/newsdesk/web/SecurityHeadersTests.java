package org.newsdesk.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Every answer carries the headers, the ones that end in an error included. */
class SecurityHeadersTests {

    @Test
    void everyAnswerCarriesTheStrictHeaders() {
        SecurityHeaders headers = new SecurityHeaders(WebProperties.DEFAULT_CONTENT_SECURITY_POLICY);
        WebTestClient client = WebTestClient.bindToRouterFunction(RouterFunctions.route()
                        .GET("/page", request -> ServerResponse.ok().bodyValue("<p>hello</p>"))
                        .GET(
                                "/broken",
                                request -> ServerResponse.status(HttpStatus.BAD_REQUEST)
                                        .build())
                        .build())
                .webFilter(headers)
                .build();

        for (String path : new String[] {"/page", "/broken", "/missing"}) {
            client.get()
                    .uri(path)
                    .exchange()
                    .expectHeader()
                    .valueEquals("Content-Security-Policy", WebProperties.DEFAULT_CONTENT_SECURITY_POLICY)
                    .expectHeader()
                    .valueEquals("Referrer-Policy", "no-referrer")
                    .expectHeader()
                    .valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader()
                    .valueEquals("X-Frame-Options", "DENY");
        }
    }

    @Test
    void aServiceMayNameItsOwnPolicy() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WebAutoConfiguration.class))
                .withPropertyValues(
                        "newsdesk.web.content-security-policy=default-src 'none'",
                        "newsdesk.web.trusted-proxies=10.0.0.0/8")
                .run(context -> {
                    WebTestClient client = WebTestClient.bindToRouterFunction(RouterFunctions.route()
                                    .GET("/", request -> ServerResponse.ok().build())
                                    .build())
                            .webFilter(context.getBean(SecurityHeaders.class))
                            .build();
                    client.get().exchange().expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'");
                    org.assertj.core.api.Assertions.assertThat(context).hasSingleBean(ClientAddresses.class);
                });
    }
}
