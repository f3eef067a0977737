package org.newsdesk.web;

import java.net.InetAddress;
import java.util.Optional;

/** One trusted proxy's address, or a CIDR range of them ({@code 10.0.0.0/8}, {@code fd00::/8}). */
record AddressRange(byte[] network, int prefixLength) {

    static AddressRange parse(String text) {
        String[] parts = text.trim().split("/", 2);
        InetAddress address = IpLiteral.parse(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("Not an IP address or CIDR range: " + text));
        byte[] bytes = address.getAddress();
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("Prefix out of range in " + text);
        }
        return new AddressRange(bytes, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }

    /** An IP literal, never a host name: reading a header must never cause a DNS lookup. */
    static final class IpLiteral {

        private IpLiteral() {
        }

        static Optional<InetAddress> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String literal = text.trim();
            if (literal.startsWith("[") && literal.contains("]")) {
                literal = literal.substring(1, literal.indexOf(']'));
            }
            else if (literal.indexOf(':') == literal.lastIndexOf(':') && literal.contains(".")) {
                // IPv4 with a port ("192.0.2.60:4711"); a bare IPv6 literal has several colons.
                int colon = literal.indexOf(':');
                literal = colon < 0 ? literal : literal.substring(0, colon);
            }
            if (literal.isEmpty() || !literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(literal));
            } catch (java.net.UnknownHostException e) {
                return Optional.empty();
            }
        }
    }
}
