package org.newsdesk.web.paging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one codec of Newsdesk's page cursors: a kind (with its version, {@code v1}, {@code s1},
 * {@code q1}) and the fields of a position, joined with colons and handed out URL-safe Base64,
 * so clients pass them back untouched and a cursor's content can change with a new kind without
 * breaking anyone. The last field may itself contain colons (an id).
 */
public final class PageCursor {

    /** What every API says of a cursor it did not hand out. */
    public static final String NOT_OURS = "is not a cursor this API handed out; pass the next of a previous page of "
            + "the same query unchanged, or leave it out for the first page";

    /** Far longer than any cursor Newsdesk hands out; longer input is not worth decoding. */
    static final int MAX_TOKEN_LENGTH = 512;

    private PageCursor() {}

    public static String encode(String kind, Object... fields) {
        String plain = Stream.concat(Stream.of(kind), Arrays.stream(fields).map(String::valueOf))
                .collect(Collectors.joining(":"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The fields of a cursor of this kind, or empty when the token is not one: not Base64, too
     * long, another kind, too few fields or an empty last one.
     */
    public static Optional<List<String>> decode(String token, String kind, int fields) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        String[] parts = plain.split(":", fields + 1);
        if (parts.length != fields + 1 || !kind.equals(parts[0]) || parts[fields].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(List.of(parts).subList(1, parts.length));
    }

    /**
     * As {@link #decode}, for a position type's {@code valueOf}: the fields go through
     * {@code reader}, and any failure to read them (a number that is none) means not ours. No
     * cursor, or an empty one ({@code ?cursor=}), is the start of the list: {@code null}.
     *
     * @throws IllegalArgumentException for a token that is not a cursor of this kind
     */
    public static <P> P read(String token, String kind, int fields, FieldsReader<P> reader) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        List<String> parts = decode(token, kind, fields)
                .orElseThrow(() -> new IllegalArgumentException("Not a " + kind + " cursor"));
        try {
            return reader.read(parts);
        } catch (RuntimeException unreadable) {
            throw new IllegalArgumentException("Not a " + kind + " cursor", unreadable);
        }
    }

    /** Makes a position of a cursor's fields; throws anything unchecked for fields that make none. */
    @FunctionalInterface
    public interface FieldsReader<P> {

        P read(List<String> fields);
    }
}
