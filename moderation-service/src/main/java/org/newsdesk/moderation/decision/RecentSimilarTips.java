package org.newsdesk.moderation.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.ModeratedTips;
import org.newsdesk.moderation.tip.Submission;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Similar tips among those sent within a few days either side of this one: the same thing seen by
 * two residents is told within hours, rarely weeks apart. Reads at most {@value #READ_AT_MOST} tips
 * (the newest of the window) and scores them in memory: words in common, the headline's counting
 * most, then the same area, the same category, and nearness in time.
 */
@Component
class RecentSimilarTips implements SimilarTips {

    static final Duration WINDOW = Duration.ofDays(7);
    static final int READ_AT_MOST = 300;
    static final int SHOWN = 5;

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Words every tip uses, which say nothing about what it is about. */
    private static final Set<String> COMMON = Set.of(
            "the",
            "and",
            "for",
            "are",
            "was",
            "were",
            "has",
            "have",
            "had",
            "this",
            "that",
            "with",
            "from",
            "they",
            "them",
            "there",
            "their",
            "our",
            "its",
            "into",
            "out",
            "about",
            "after",
            "before",
            "been",
            "but",
            "not",
            "all",
            "any",
            "can",
            "could",
            "would",
            "will",
            "just",
            "over",
            "some",
            "what",
            "when",
            "where",
            "which",
            "who",
            "why",
            "how",
            "you",
            "your",
            "one",
            "said",
            "today",
            "yesterday",
            "near",
            "very",
            "now",
            "also",
            "more",
            "than",
            "then",
            "his",
            "her",
            "she",
            "him",
            "off",
            "again",
            "here",
            "being",
            "got",
            "get",
            "did",
            "does",
            "lot",
            "lots",
            "really",
            "still",
            "please");

    private static final List<String> ENDINGS = List.of("ing", "ed", "es", "s");

    private final ModeratedTips tips;

    RecentSimilarTips(ModeratedTips tips) {
        this.tips = tips;
    }

    @Override
    public Flux<ModeratedTip> like(ModeratedTip tip) {
        Instant sent = tip.submission().submittedAt();
        Words these = Words.of(tip.submission());
        return tips.waitingOrLiveSentBetween(sent.minus(WINDOW), sent.plus(WINDOW), READ_AT_MOST)
                .filter(other -> !other.tipId().equals(tip.tipId()))
                .map(other -> new Scored(other, score(tip.submission(), these, other.submission())))
                .filter(scored -> scored.score() > 0)
                .sort(Comparator.comparingInt(Scored::score)
                        .reversed()
                        .thenComparing(scored -> scored.tip().submission().submittedAt(), Comparator.reverseOrder()))
                .take(SHOWN)
                .map(Scored::tip);
    }

    /** 0 when the two have too little in common to be worth a moderator's look. */
    static int score(Submission one, Words oneWords, Submission other) {
        Words otherWords = Words.of(other);
        int inHeadlines = common(oneWords.headline(), otherWords.headline());
        int inAll = common(oneWords.all(), otherWords.all());
        boolean sameArea = same(one.area(), other.area());
        if (inHeadlines == 0 && (inAll < 2 || !sameArea && inAll < 4)) {
            return 0;
        }
        Duration apart =
                Duration.between(one.submittedAt(), other.submittedAt()).abs();
        int nearness = apart.compareTo(Duration.ofHours(6)) <= 0 ? 3 : apart.compareTo(Duration.ofDays(1)) <= 0 ? 2 : 1;
        return 3 * inHeadlines
                + Math.min(inAll, 8)
                + (sameArea ? 4 : 0)
                + (same(one.category(), other.category()) ? 1 : 0)
                + nearness;
    }

    private static int common(Set<String> one, Set<String> other) {
        Set<String> both = new HashSet<>(one);
        both.retainAll(other);
        return both.size();
    }

    private static boolean same(String one, String other) {
        return one != null && other != null && one.strip().equalsIgnoreCase(other.strip());
    }

    record Scored(ModeratedTip tip, int score) {}

    /** The telling words of a tip: lower case, three letters or more, without the common ones. */
    record Words(Set<String> headline, Set<String> all) {

        static Words of(Submission submission) {
            Set<String> headline = words(submission.headline());
            Set<String> all = new HashSet<>(headline);
            all.addAll(words(submission.body()));
            return new Words(headline, all);
        }

        private static Set<String> words(String text) {
            Set<String> words = new HashSet<>();
            if (text == null) {
                return words;
            }
            for (String word : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
                if (word.length() >= 3 && !COMMON.contains(word)) {
                    words.add(stem(word));
                }
            }
            return words;
        }

        /** Enough of a stem that "flooded", "flooding" and "floods" meet. */
        private static String stem(String word) {
            for (String ending : ENDINGS) {
                if (word.length() >= ending.length() + 4 && word.endsWith(ending)) {
                    return word.substring(0, word.length() - ending.length());
                }
            }
            return word;
        }
    }
}
