package org.newsdesk.publishing.story;

import com.github.slugify.Slugify;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Turns a headline into the readable part of a story's address: lower-case ASCII words joined by
 * hyphens, accents folded ({@code Café crème} → {@code cafe-creme}), at most {@link #MAX_LENGTH}
 * characters. A slug depends on the headline alone, never on the clock, the locale of the machine
 * or the order of a map, so replaying the same decisions in the same order gives the same slugs.
 */
public final class StorySlugs {

    /** Long enough for a headline's gist, short enough for a link someone reads out or pastes. */
    static final int MAX_LENGTH = 80;

    /** What a headline with no letters or digits at all (only emoji, say) is published under. */
    static final String FALLBACK = "story";

    /** The pattern the {@code newsdesk.story-published} schema promises to consumers. */
    static final Pattern VALID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

    /*
     * Slugify folds accents by Unicode decomposition, which leaves out letters that have no
     * decomposition (ß, æ, ø, ł, œ...) and would drop them silently ("Straße" -> "strae"). Its
     * language bundles fix some of that per locale; a fixed table keeps slugs independent of the
     * JVM's locale. Apostrophes go away so "it's" reads "its", not "it-s"; underscores would
     * otherwise survive, and the event schema allows only letters, digits and hyphens.
     */
    private static final Map<String, String> REPLACEMENTS = Map.ofEntries(
            Map.entry("'", ""),
            Map.entry("\u2019", ""),
            Map.entry("\u2018", ""),
            Map.entry("_", " "),
            Map.entry("&", " and "),
            Map.entry("ß", "ss"),
            Map.entry("ẞ", "SS"),
            Map.entry("Æ", "AE"),
            Map.entry("æ", "ae"),
            Map.entry("Ø", "O"),
            Map.entry("ø", "o"),
            Map.entry("Œ", "OE"),
            Map.entry("œ", "oe"),
            Map.entry("Ł", "L"),
            Map.entry("ł", "l"),
            Map.entry("Đ", "D"),
            Map.entry("đ", "d"),
            Map.entry("Ð", "D"),
            Map.entry("ð", "d"),
            Map.entry("Þ", "TH"),
            Map.entry("þ", "th"),
            Map.entry("ı", "i"));

    private static final Slugify SLUGIFY = Slugify.builder()
            .locale(Locale.ROOT)
            .lowerCase(true)
            .customReplacements(REPLACEMENTS)
            .build();

    private StorySlugs() {}

    /** The slug a story with this headline gets when no other story has it yet. */
    public static String of(String headline) {
        String slug = headline == null ? "" : SLUGIFY.slugify(headline);
        // Belt and braces: whatever the library lets through, the slug keeps the schema's pattern.
        slug = NOT_SLUG.matcher(slug.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = trimHyphens(slug);
        if (slug.length() > MAX_LENGTH) {
            int lastBreak = slug.lastIndexOf('-', MAX_LENGTH);
            // Cut between words where there is a word boundary; a single giant word is cut hard.
            slug = trimHyphens(slug.substring(0, lastBreak > 0 ? lastBreak : MAX_LENGTH));
        }
        return slug.isEmpty() ? FALLBACK : slug;
    }

    /**
     * The {@code n}th candidate for a base slug: the base itself, then {@code base-2},
     * {@code base-3}...
     */
    static String variant(String base, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("variants count from 1, not " + n);
        }
        return n == 1 ? base : base + "-" + n;
    }

    /** {@code count} variants of {@code base}, the {@code from}th first. */
    static List<String> variants(String base, int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(n -> variant(base, n))
                .toList();
    }

    private static String trimHyphens(String slug) {
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }
}
