package org.newsdesk.submission.receipt;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The code a resident gets for a tip and later types in to see what became of it.
 *
 * <p>Sixteen symbols of Crockford's base32 carry 80 random bits: far too many to guess, few
 * enough to read out over the phone. The alphabet has no I, L, O or U, so nothing looks like
 * anything else, and reading it back forgives case, dashes, spaces and the look-alikes O, I and L.
 *
 * <p>Only {@link #digest()} is ever stored or sent over Kafka: whoever reads the database or the
 * topic cannot turn it back into a code that opens a receipt.
 */
public final class ReceiptCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 16;
    static final int GROUP = 4;
    static final int BITS = LENGTH * 5;

    /** Generous: a code with a few stray separators still parses, a megabyte of junk does not get looked at. */
    private static final int LONGEST_INPUT = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String canonical;

    private ReceiptCode(String canonical) {
        this.canonical = canonical;
    }

    public static ReceiptCode generate() {
        char[] symbols = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            symbols[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new ReceiptCode(new String(symbols));
    }

    /** The code a person typed, however they typed it; empty when it cannot be a receipt code. */
    public static Optional<ReceiptCode> parse(String typed) {
        if (typed == null || typed.length() > LONGEST_INPUT) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char symbol = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(symbol) < 0) {
                return Optional.empty();
            }
            canonical.append(symbol);
        }
        return canonical.length() == LENGTH ? Optional.of(new ReceiptCode(canonical.toString())) : Optional.empty();
    }

    /** As the resident sees it: {@code K7Q2-M9XD-4HRT-PW3C}. */
    public String formatted() {
        StringBuilder formatted = new StringBuilder(LENGTH + LENGTH / GROUP);
        for (int i = 0; i < LENGTH; i += GROUP) {
            if (i > 0) {
                formatted.append('-');
            }
            formatted.append(canonical, i, i + GROUP);
        }
        return formatted.toString();
    }

    /** SHA-256 of the canonical code in lower-case hex: what the database and the topic keep. */
    public String digest() {
        return DigestUtils.sha256Hex(canonical);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceiptCode code && code.canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /** Deliberately not the code: it is the resident's secret and must not end up in a log. */
    @Override
    public String toString() {
        return "ReceiptCode[digest=" + digest().substring(0, 12) + "…]";
    }
}
