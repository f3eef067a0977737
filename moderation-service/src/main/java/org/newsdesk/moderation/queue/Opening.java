package org.newsdesk.moderation.queue;

import java.util.Arrays;
import java.util.regex.Pattern;

/** The first words of a tip, enough to tell one tip from another in a list without opening it. */
final class Opening {

    static final int WORDS = 25;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Opening() {}

    /** The first {@value #WORDS} words, on one line, cut after a whole word with an ellipsis when there is more. */
    static String of(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String[] words = WHITESPACE.split(body.strip(), WORDS + 1);
        if (words.length <= WORDS) {
            return String.join(" ", words);
        }
        return String.join(" ", Arrays.copyOf(words, WORDS)) + "\u2026";
    }
}
