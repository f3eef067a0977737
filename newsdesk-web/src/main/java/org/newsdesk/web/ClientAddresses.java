package org.newsdesk.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who is asking, as far as a rate limit needs to know, without ever holding their address: the
 * client's address goes through a keyed hash whose secret is made at random each day (UTC) and
 * kept only in memory, so a pseudonym cannot be turned back into an address, cannot be linked
 * from one day to the next, and means nothing to another instance. Limits keyed by it therefore
 * start afresh at midnight and apply per instance, which is what they promise.
 *
 * <p>Behind a reverse proxy every request comes from the proxy, so the client's address is read
 * from {@code Forwarded} (RFC 7239) or {@code X-Forwarded-For}, but only when the request came
 * from a proxy we were told to trust: anyone else could write any address there and so pick a
 * fresh bucket for every request. The chain is read from the right, skipping trusted proxies;
 * the first address not ours is the client.
 *
 * <p>Spring's {@code ForwardedHeaderTransformer} (and {@code ForwardedHeaderUtils.parseForwardedFor},
 * which it uses) cannot take this over: it believes the headers whoever sent them, and takes the
 * leftmost {@code for}, the one address in the chain the client itself wrote. So the chain is
 * walked here; the trusted ranges are Spring Security's matchers.
 */
public final class ClientAddresses {

    private final List<InetAddressMatcher> trustedProxies;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    private LocalDate secretDay;

    private SecretKeySpec secret;

    ClientAddresses(List<String> trustedProxies, Clock clock) {
        // One matcher per range, never InetAddressMatchers.builder(): built from no range at all, it matches every
        // address.
        this.trustedProxies = trustedProxies.stream()
                .map(range -> InetAddressMatchers.fromIpAddress(range.trim()))
                .toList();
        this.clock = clock;
    }

    /** A short, URL-safe pseudonym for the client of this exchange, the same all day. */
    public String pseudonym(ServerWebExchange exchange) {
        return pseudonym(exchange.getRequest());
    }

    String pseudonym(ServerHttpRequest request) {
        byte[] address = client(request).map(InetAddress::getAddress).orElse(new byte[0]);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secretForToday());
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(address))
                    .substring(0, 22);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every JVM has HmacSHA256", e);
        }
    }

    /** The client's address: the direct peer, or what a trusted proxy says it forwarded for. */
    Optional<InetAddress> client(ServerHttpRequest request) {
        Optional<InetAddress> peer =
                Optional.ofNullable(request.getRemoteAddress()).map(InetSocketAddress::getAddress);
        if (peer.isEmpty() || !trusted(peer.get())) {
            return peer;
        }
        List<String> chain = forwardedChain(request);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiteral.parse(chain.get(i));
            if (hop.isEmpty()) {
                // "unknown" or an obfuscated name: the chain says no more we can use.
                return peer;
            }
            if (!trusted(hop.get())) {
                return hop;
            }
        }
        return peer;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.matches(address));
    }

    /** The addresses a request passed through, client first, from {@code Forwarded} if present. */
    private static List<String> forwardedChain(ServerHttpRequest request) {
        List<String> chain = new ArrayList<>();
        List<String> forwarded = request.getHeaders().get("Forwarded");
        if (forwarded != null && !forwarded.isEmpty()) {
            for (String header : forwarded) {
                for (String element : header.split(",")) {
                    for (String pair : element.split(";")) {
                        String[] nameAndValue = pair.trim().split("=", 2);
                        if (nameAndValue.length == 2 && nameAndValue[0].equalsIgnoreCase("for")) {
                            chain.add(nameAndValue[1].replace("\"", ""));
                        }
                    }
                }
            }
            return chain;
        }
        List<String> forwardedFor = request.getHeaders().get("X-Forwarded-For");
        if (forwardedFor != null) {
            for (String header : forwardedFor) {
                for (String hop : header.split(",")) {
                    chain.add(hop.trim());
                }
            }
        }
        return chain;
    }

    private synchronized SecretKeySpec secretForToday() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(secretDay)) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            secret = new SecretKeySpec(key, "HmacSHA256");
            secretDay = today;
        }
        return secret;
    }
}
