package org.newsdesk.publishing.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoryCursorTests {

    @Test
    void aCursorLeadsBackToItsPosition() {
        // Given a position, with an id that contains the separator
        StoryPosition position = new StoryPosition(Instant.parse("2023-07-26T08:30:00.123Z"), "tip:with:colons");

        // When it is encoded
        String cursor = StoryCursor.encode(position);

        // Then the token is URL-safe and decodes to the same position
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(StoryCursor.decode(cursor)).contains(position);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor", "%%%", "bm9wZQ", "djE6bm90LWEtbnVtYmVyOmlk", "djE6MTIzOg",
            "djI6MTIzOmlk"})
    void anythingElseIsNoCursor(String token) {
        // Given a token the API never handed out ("nope", "v1:not-a-number:id", "v1:123:", "v2:123:id")
        // When it is decoded
        // Then there is no position
        assertThat(StoryCursor.decode(token)).isEmpty();
    }

    @Test
    void numbersTooLargeAndTokensTooLongAreNoCursor() {
        String huge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + Long.MAX_VALUE + "0:id").getBytes(StandardCharsets.UTF_8));
        assertThat(StoryCursor.decode(huge)).isEmpty();
        assertThat(StoryCursor.decode("a".repeat(10_000))).isEmpty();
    }
}
