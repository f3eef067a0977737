package org.newsdesk.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordRuleTests {

    private final PasswordRule rule = new PasswordRule();

    @Test
    void aLongPasswordOfOnesOwnWordsWillDo() {
        assertThat(rule.problem("Ilkeston market moved on Thursday")).isEmpty();
        assertThat(rule.problem("Tell-us-YOUR-news-2023")).isEmpty();
    }

    @Test
    void aShortPasswordIsRefusedSayingHowLongAndHow() {
        assertThat(rule.problem("Sh0rt&Sweet!"))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("must be at least 15 characters")
                        .contains("a few unrelated words"));
    }

    @Test
    void theCommonestPasswordsAndThoseBuiltFromThemAreRefusedWhateverTheirLength() {
        for (String common :
                new String[] {"passwordpassword", "123456789012345", "qwertyuiopasdfgh", "iloveyouiloveyou"}) {
            assertThat(rule.problem(common))
                    .as(common)
                    .hasValueSatisfying(problem -> assertThat(problem).startsWith("is too easy to guess"));
        }
    }

    @Test
    void nothingLongerThanBcryptReadsIsAccepted() {
        assertThat(rule.problem("a quiet evening walk along the Erewash canal towpath, past the old lock"))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("must be at most 64 characters"));
        // Fewer than 64 characters, but more than 72 bytes
        assertThat(rule.problem("ünïcödé ärgümënt änd pässwörd phräsë för thë öffïcë dësk"))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("must be at most"));
    }

    @Test
    void anEmptyPasswordIsRequired() {
        assertThat(rule.problem("")).contains("is required");
        assertThat(rule.problem(null)).contains("is required");
    }
}
