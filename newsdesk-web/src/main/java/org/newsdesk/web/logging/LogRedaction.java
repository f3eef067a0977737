package org.newsdesk.web.logging;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What no log line may carry, taken out of a line's text: a client's address and a receipt code.
 * Our own lines never hold either, but the framework's do: Reactor Netty names every connection by
 * its two ends ({@code L:/127.0.0.1:8081 - R:/192.0.2.7:51234}) and quotes a request it could not
 * decode with its request line, receipt code and all. Every IP literal becomes {@value #ADDRESS}
 * (the port after it stays, as do host names: enough to tell which connection or server a line is
 * about), every word that is a receipt code, however typed, becomes {@value #RECEIPT}.
 *
 * <p>A receipt code is sixteen symbols of Crockford's base32, which reading it back takes in
 * either case, with dashes, spaces or look-alikes, and which a path may percent-encode. So is
 * many a word: a sixteen-letter camelCase name ({@code registerListener}) is left alone, being
 * neither one case nor holding a digit. The price is that a code without a digit (one in four
 * hundred) typed in mixed case would go through.
 */
public final class LogRedaction {

    public static final String ADDRESS = "{address}";
    public static final String RECEIPT = "{receipt}";

    private static final int CODE_LENGTH = 16;

    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                    + "(?![0-9]|\\.[0-9])");

    /** Anything shaped like an IPv6 literal; {@link #isIpv6} decides (a time such as 15:12:58 is not one). */
    private static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,8}(?:[0-9A-Fa-f]{1,4}|(?:\\d{1,3}\\.){3}\\d{1,3})?(?![0-9A-Za-z:])");

    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern DOTTED = Pattern.compile("(?:\\d{1,3}\\.){3}\\d{1,3}");

    /**
     * Groups of four, as the receipt page shows a code, written with spaces for its dashes:
     * K7Q2 M9XD 4HRT PW3C, maybe after other four-letter words.
     */
    private static final Pattern SPACED =
            Pattern.compile("(?<![0-9A-Za-z-])[0-9A-Za-z]{4}(?: [0-9A-Za-z]{4}){3,11}(?![0-9A-Za-z-])");

    /** What a code is read from, with the separators reading forgives; anything else ends a candidate. */
    private static final Pattern CANDIDATE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z\\- ]*");

    private LogRedaction() {}

    /** Printed instead of a line that could not be redacted: better no line than one with a secret. */
    static final String WITHHELD = "[withheld: could not be redacted]";

    /**
     * The text with every IP literal and every receipt code replaced; the text itself when it has
     * neither. Never throws: it runs inside logging, on whatever thread logs.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        try {
            String redacted = replace(IPV6_CANDIDATE, text, LogRedaction::redactedIpv6);
            redacted = replace(IPV4, redacted, literal -> ADDRESS);
            redacted = replace(SPACED, redacted, groups -> holdsCode(groups) ? RECEIPT : groups);
            return replaceWords(redacted);
        } catch (RuntimeException | StackOverflowError unredactable) {
            return WITHHELD;
        }
    }

    /**
     * Every word as a path or a line prints it (symbols, dashes and percent escapes) that holds a
     * code. Scanned by hand rather than matched: a regular expression repeating an alternation
     * recurses once per character, and a request line may be thousands long.
     */
    private static String replaceWords(String text) {
        StringBuilder replaced = null;
        int from = 0;
        int i = 0;
        while (i < text.length()) {
            int end = wordEnd(text, i);
            if (end == i) {
                i++;
                continue;
            }
            String word = text.substring(i, end);
            if (holdsCode(decoded(word))) {
                if (replaced == null) {
                    replaced = new StringBuilder(text.length());
                }
                replaced.append(text, from, i).append(RECEIPT);
                from = end;
            }
            i = end;
        }
        return replaced == null
                ? text
                : replaced.append(text, from, text.length()).toString();
    }

    private static int wordEnd(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isSymbol(c) || c == '-') {
                i++;
            } else if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                i += 3;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isSymbol(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static String replace(Pattern pattern, String text, java.util.function.UnaryOperator<String> replacement) {
        Matcher found = pattern.matcher(text);
        if (!found.find()) {
            return text;
        }
        StringBuilder replaced = new StringBuilder(text.length());
        int from = 0;
        do {
            replaced.append(text, from, found.start()).append(replacement.apply(found.group()));
            from = found.end();
        } while (found.find());
        return replaced.append(text, from, text.length()).toString();
    }

    /**
     * Whether any stretch of the text reads back as a receipt code, or shows one as the receipt page
     * does, in four groups of four, among other groups ({@code K7Q2-M9XD-4HRT-PW3C-x}).
     */
    static boolean holdsCode(String text) {
        Matcher candidate = CANDIDATE.matcher(text);
        while (candidate.find()) {
            if (isCode(candidate.group().replace("-", "").replace(" ", ""))) {
                return true;
            }
            String[] groups = candidate.group().split("[- ]+");
            for (int first = 0; first + 4 <= groups.length; first++) {
                String fourGroups = String.join("", List.of(groups).subList(first, first + 4));
                if (fourGroups.length() == CODE_LENGTH && isCode(fourGroups)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isCode(String symbols) {
        if (symbols.length() != CODE_LENGTH || symbols.indexOf('U') >= 0 || symbols.indexOf('u') >= 0) {
            return false;
        }
        boolean digit = symbols.chars().anyMatch(Character::isDigit);
        boolean upper = symbols.chars().anyMatch(Character::isUpperCase);
        boolean lower = symbols.chars().anyMatch(Character::isLowerCase);
        return digit || !(upper && lower);
    }

    /** Percent escapes decoded byte for byte: a path may spell a code, or a dash in it, as escapes. */
    private static String decoded(String word) {
        if (word.indexOf('%') < 0) {
            return word;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(word, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The literal as {@value #ADDRESS}, and a port written after it without brackets kept. */
    private static String redactedIpv6(String candidate) {
        if (isIpv6(candidate)) {
            return ADDRESS;
        }
        int lastColon = candidate.lastIndexOf(':');
        return lastColon > 0 && isIpv6(candidate.substring(0, lastColon))
                ? ADDRESS + candidate.substring(lastColon)
                : candidate;
    }

    /** Eight groups, or fewer around one {@code ::}; the last two may be written as IPv4. */
    static boolean isIpv6(String literal) {
        int elided = literal.indexOf("::");
        if (elided != literal.lastIndexOf("::")) {
            return false;
        }
        String[] groups = (elided < 0 ? literal : literal.replace("::", ":")).split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty()) {
                // Only where "::" was, or at either end next to it.
                if (elided < 0) {
                    return false;
                }
                continue;
            }
            if (i == groups.length - 1 && DOTTED.matcher(group).matches()) {
                count += 2;
            } else if (HEX_GROUP.matcher(group).matches()) {
                count++;
            } else {
                return false;
            }
        }
        return elided < 0 ? count == 8 : count <= 7;
    }
}
