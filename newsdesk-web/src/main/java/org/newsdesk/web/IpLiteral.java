package org.newsdesk.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IP literal as a forwarding header writes it ({@code 192.0.2.60:4711}, {@code "[2001:db8::17]:4711"}),
 * never a host name: reading a header must never cause a DNS lookup.
 */
final class IpLiteral {

    private IpLiteral() {}

    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.trim();
        if (literal.startsWith("[") && literal.contains("]")) {
            literal = literal.substring(1, literal.indexOf(']'));
        } else if (literal.indexOf(':') == literal.lastIndexOf(':') && literal.contains(".")) {
            // IPv4 with a port ("192.0.2.60:4711"); a bare IPv6 literal has several colons.
            int colon = literal.indexOf(':');
            literal = colon < 0 ? literal : literal.substring(0, colon);
        }
        if (literal.isEmpty() || !literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return Optional.empty();
        }
        try {
            // Only hex digits, dots and colons are left: getByName parses a literal and looks nothing up.
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }
}
