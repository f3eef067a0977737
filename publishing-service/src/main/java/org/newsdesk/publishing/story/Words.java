package org.newsdesk.publishing.story;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns text into the words the keyword index keeps and a search looks up, folded the same way on
 * both sides: lower case, accents dropped ({@code Café} and {@code cafe} are one word), letters
 * without a decomposition spelled out ({@code Straße} is {@code strasse}), and apostrophes
 * dropped ({@code it's} is {@code its}). Folding never depends on the machine's locale.
 */
final class Words {

    /** Longer "words" are URLs, hashes or keyboard mashing: nobody searches for them. */
    static final int MAX_WORD_LENGTH = 40;

    /**
     * The commonest English words, which nearly every story holds: indexing them would make
     * their postings the largest in the index and a search for them would match everything.
     */
    static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "her",
            "his", "i", "in", "is", "it", "its", "of", "on", "or", "our", "she", "that", "the", "their", "them",
            "there", "they", "this", "to", "was", "we", "were", "which", "will", "with", "you", "your");

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u2018\u02bc]");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Letters NFD leaves whole; the same table the slugs use, so a word and its slug agree. */
    private static final Map<Character, String> SPELLED_OUT = Map.ofEntries(
            Map.entry('ß', "ss"),
            Map.entry('æ', "ae"),
            Map.entry('ø', "o"),
            Map.entry('œ', "oe"),
            Map.entry('ł', "l"),
            Map.entry('đ', "d"),
            Map.entry('ð', "d"),
            Map.entry('þ', "th"),
            Map.entry('ı', "i"));

    private Words() {}

    /** The text folded for comparison: lower case, no accents, no apostrophes. */
    private static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder spelled = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String replacement = SPELLED_OUT.get(c);
            if (replacement == null) {
                spelled.append(c);
            } else {
                spelled.append(replacement);
            }
        }
        String decomposed = Normalizer.normalize(spelled, Normalizer.Form.NFD);
        return APOSTROPHES
                .matcher(COMBINING_MARKS.matcher(decomposed).replaceAll(""))
                .replaceAll("");
    }

    /** The distinct words of a text worth indexing or searching for, in the order they come. */
    static Set<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : NOT_WORD.split(fold(text))) {
            if (!word.isEmpty() && word.length() <= MAX_WORD_LENGTH && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * The key of an area or a category in addresses and in the index: its words, folded, joined by
     * hyphens ({@code Crime and Policing} is {@code crime-and-policing}); empty when it has none.
     */
    static String key(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (String word : NOT_WORD.split(fold(name))) {
            if (!word.isEmpty()) {
                key.append(key.isEmpty() ? "" : "-").append(word);
            }
        }
        return key.length() > 100 ? key.substring(0, 100) : key.toString();
    }
}
