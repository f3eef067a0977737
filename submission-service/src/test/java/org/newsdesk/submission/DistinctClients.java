package org.newsdesk.submission;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * Every request of a test's {@code WebTestClient} comes, as far as the rate limits can tell, from
 * a client of its own: the service trusts the loopback address as a proxy in these tests, and each
 * request says it forwards for a random documentation address (RFC 3849). Tests about something
 * else are so never throttled; a test about a limit names one client itself with
 * {@code X-Forwarded-For}, which this leaves alone.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DistinctClients {

    public static final String TRUSTED_PROXIES = "newsdesk.web.trusted-proxies=127.0.0.1,::1";

    @Bean
    WebTestClientBuilderCustomizer distinctClients() {
        return builder -> builder.filter((request, next) -> next.exchange(
                request.headers().containsHeader("X-Forwarded-For")
                        ? request
                        : ClientRequest.from(request)
                                .header("X-Forwarded-For", randomClient())
                                .build()));
    }

    /** An address from the IPv6 documentation prefix, picked at random. */
    public static String randomClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "2001:db8::%x:%x".formatted(random.nextInt(1, 0x10000), random.nextInt(1, 0x10000));
    }
}
