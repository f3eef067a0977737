package org.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;

class ClientAddressesTests {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    private final ClientAddresses behindProxy = new ClientAddresses(List.of("10.0.0.0/8", "fd00::/8"), NOON);

    private final ClientAddresses direct = new ClientAddresses(List.of(), NOON);

    @Test
    void aDirectClientIsItsPeerWhateverHeadersItSends() {
        // Given a client that claims to be someone else
        MockServerHttpRequest request = from("203.0.113.7")
                .header("X-Forwarded-For", "198.51.100.1")
                .header("Forwarded", "for=198.51.100.2")
                .build();

        // Then neither deployment believes it: the peer is not a trusted proxy
        assertThat(direct.client(request)).contains(address("203.0.113.7"));
        assertThat(behindProxy.client(request)).contains(address("203.0.113.7"));
    }

    @Test
    void behindATrustedProxyTheClientIsTheFirstAddressNotOurs() {
        // Given a request that passed a client's own proxy, then two of ours
        MockServerHttpRequest forwardedFor = from("10.0.0.2")
                .header("X-Forwarded-For", "192.0.2.99, 198.51.100.23, 10.0.0.1")
                .build();
        MockServerHttpRequest forwarded = from("10.0.0.2")
                .header("Forwarded", "for=192.0.2.99, for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.0.0.1")
                .build();

        // Then the client is the rightmost untrusted hop: what the left says is the client's word only
        assertThat(behindProxy.client(forwardedFor)).contains(address("198.51.100.23"));
        assertThat(behindProxy.client(forwarded)).contains(address("2001:db8:cafe::17"));
    }

    @Test
    void hostNamesAndUnknownHopsAreNeverLookedUp() {
        MockServerHttpRequest request = from("10.0.0.2")
                .header("X-Forwarded-For", "evil.example, unknown")
                .build();

        assertThat(behindProxy.client(request)).contains(address("10.0.0.2"));
        assertThat(IpLiteral.parse("localhost")).isEmpty();
        assertThat(IpLiteral.parse("192.0.2.60:4711")).contains(address("192.0.2.60"));
    }

    @Test
    void aPseudonymIsStableForTheDayAndSaysNothingOfTheAddress() {
        String first = direct.pseudonym(from("203.0.113.7").build());

        assertThat(direct.pseudonym(from("203.0.113.7").build())).isEqualTo(first);
        assertThat(direct.pseudonym(from("203.0.113.8").build())).isNotEqualTo(first);
        assertThat(first).hasSize(22).doesNotContain("203").matches("[A-Za-z0-9_-]+");
        // Another instance (or tomorrow) has another secret, so the same client gets another name.
        assertThat(new ClientAddresses(List.of(), NOON)
                        .pseudonym(from("203.0.113.7").build()))
                .isNotEqualTo(first);
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressIsAMistakeSaidAtStartUp() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal"), NOON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"), NOON))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesMatchOnTheirPrefixOnly() {
        InetAddressMatcher range = InetAddressMatchers.fromIpAddress("192.168.4.0/22");

        assertThat(range.matches(address("192.168.7.255"))).isTrue();
        assertThat(range.matches(address("192.168.8.0"))).isFalse();
        assertThat(range.matches(address("::1"))).isFalse();
    }

    private static MockServerHttpRequest.BaseBuilder<?> from(String peer) {
        return MockServerHttpRequest.get("/tips").remoteAddress(new InetSocketAddress(address(peer), 50123));
    }

    private static InetAddress address(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }
}
