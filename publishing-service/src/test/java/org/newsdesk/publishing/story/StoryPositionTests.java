package org.newsdesk.publishing.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cursors of story lists: what they hand out, what they take back, and what they refuse. */
class StoryPositionTests {

    @Test
    void aCursorLeadsBackToItsPosition() {
        // Given positions in both orders, with ids that contain the separator
        StoryPosition newest = new StoryPosition(Instant.parse("2023-07-26T08:30:00.123Z"), "tip:with:colons");
        SearchPosition best = new SearchPosition(3, 1, Instant.parse("2023-07-26T08:30:00.123Z"), "tip:with:colons");

        // When they are handed out as cursors
        // Then the tokens are URL-safe and lead back to the same positions, in their own order and in either
        assertThat(newest.cursor()).matches("[A-Za-z0-9_-]+");
        assertThat(StoryPosition.valueOf(newest.cursor())).isEqualTo(newest);
        assertThat(SearchPosition.valueOf(best.cursor())).isEqualTo(best);
        assertThat(StoryListPosition.valueOf(newest.cursor())).isEqualTo(newest);
        assertThat(StoryListPosition.valueOf(best.cursor())).isEqualTo(best);
    }

    @Test
    void cursorsHandedOutBeforeStillLeadWhereTheyDid() {
        // Given cursors as the service handed them out before positions had a shared codec
        String newest = token("v1:1690360200123:tip:with:colons");
        String best = token("s1:3:1:1690360200123:tip-1");

        // When they come back
        // Then they are the same places
        assertThat(StoryPosition.valueOf(newest))
                .isEqualTo(new StoryPosition(Instant.ofEpochMilli(1690360200123L), "tip:with:colons"));
        assertThat(SearchPosition.valueOf(best))
                .isEqualTo(new SearchPosition(3, 1, Instant.ofEpochMilli(1690360200123L), "tip-1"));
    }

    @Test
    void noCursorOrAnEmptyOneIsTheFirstPage() {
        assertThat(StoryPosition.valueOf(null)).isNull();
        assertThat(StoryPosition.valueOf("")).isNull();
        assertThat(StoryListPosition.valueOf("")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor", "%%%", "bm9wZQ", "djE6bm90LWEtbnVtYmVyOmlk", "djE6MTIzOg", "djI6MTIzOmlk"})
    void anythingElseIsNoCursor(String token) {
        // Given a token the API never handed out ("nope", "v1:not-a-number:id", "v1:123:", "v2:123:id")
        // When it is read
        // Then it is refused
        assertThatIllegalArgumentException().isThrownBy(() -> StoryPosition.valueOf(token));
        assertThatIllegalArgumentException().isThrownBy(() -> StoryListPosition.valueOf(token));
    }

    @Test
    void numbersTooLargeTokensTooLongAndImpossibleMatchesAreNoCursor() {
        String tooLarge = token("v1:" + Long.MAX_VALUE + "0:id");
        assertThatIllegalArgumentException().isThrownBy(() -> StoryPosition.valueOf(tooLarge));
        assertThatIllegalArgumentException().isThrownBy(() -> StoryPosition.valueOf("a".repeat(10_000)));
        // More words in the headline than in all, or fewer than none
        assertThatIllegalArgumentException().isThrownBy(() -> SearchPosition.valueOf(token("s1:1:2:0:id")));
        assertThatIllegalArgumentException().isThrownBy(() -> SearchPosition.valueOf(token("s1:-1:0:0:id")));
    }

    @Test
    void aCursorOfOneOrderIsNoCursorOfTheOther() {
        String newest = new StoryPosition(Instant.now(), "x").cursor();
        String best = new SearchPosition(1, 0, Instant.now(), "x").cursor();

        assertThatIllegalArgumentException().isThrownBy(() -> SearchPosition.valueOf(newest));
        assertThatIllegalArgumentException().isThrownBy(() -> StoryPosition.valueOf(best));
    }

    private static String token(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
