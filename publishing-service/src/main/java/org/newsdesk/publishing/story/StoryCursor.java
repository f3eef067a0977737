package org.newsdesk.publishing.story;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code next} token of the stories API, and the {@code cursor} of the front page's link to
 * older stories: a {@link StoryPosition} in a URL-safe form clients pass back untouched. It is
 * opaque to them on purpose, so its content can change with a new version prefix without
 * breaking anyone.
 */
public final class StoryCursor {

    private static final String VERSION = "v1";

    /** A place in a search's best-match-first order: another kind of cursor, never mistaken for the first. */
    private static final String SEARCH_VERSION = "s1";

    /** Far longer than any cursor this API hands out; longer input is not worth decoding. */
    private static final int MAX_TOKEN_LENGTH = 512;

    private StoryCursor() {
    }

    public static String encode(StoryPosition position) {
        String plain = VERSION + ":" + position.publishedAt().toEpochMilli() + ":" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(SearchPosition position) {
        String plain = SEARCH_VERSION + ":" + position.wordsMatched() + ":" + position.headlineWords() + ":"
                + position.publishedAt().toEpochMilli() + ":" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The search position a token stands for, or empty when it is not a search token this API handed out. */
    public static Optional<SearchPosition> decodeSearch(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", 5);
            if (parts.length != 5 || !SEARCH_VERSION.equals(parts[0]) || parts[4].isEmpty()) {
                return Optional.empty();
            }
            int words = Integer.parseInt(parts[1]);
            int headlineWords = Integer.parseInt(parts[2]);
            if (words < 0 || headlineWords < 0 || headlineWords > words) {
                return Optional.empty();
            }
            return Optional.of(new SearchPosition(words, headlineWords, Instant.ofEpochMilli(Long.parseLong(parts[3])),
                    parts[4]));
        }
        catch (IllegalArgumentException | DateTimeException notACursor) {
            return Optional.empty();
        }
    }

    /** The position a token stands for, or empty when it is not a token this API handed out. */
    public static Optional<StoryPosition> decode(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            // The id comes last and may contain anything, ':' included.
            String[] parts = plain.split(":", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new StoryPosition(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]));
        }
        catch (IllegalArgumentException | DateTimeException notACursor) {
            // Base64, number and instant errors alike: the client sent something we never made.
            return Optional.empty();
        }
    }
}
