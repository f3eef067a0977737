package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first words of a tip as a queue row shows them. */
class OpeningTests {

    @Test
    void aShortTipIsShownWholeOnOneLine() {
        assertThat(Opening.of("  The bridge\n\nis shut.  ")).isEqualTo("The bridge is shut.");
    }

    @Test
    void exactlyTwentyFiveWordsNeedNoEllipsis() {
        String words = "word ".repeat(25).strip();

        assertThat(Opening.of(words)).isEqualTo(words);
    }

    @Test
    void aLongerTipIsCutAfterItsTwentyFifthWholeWord() {
        String body = "one ".repeat(25) + "twenty-sixth and more";

        assertThat(Opening.of(body)).isEqualTo("one ".repeat(25).strip() + "\u2026");
    }

    @Test
    void anEmptyBodyShowsNothing() {
        assertThat(Opening.of(null)).isEmpty();
        assertThat(Opening.of(" \n ")).isEmpty();
    }
}
