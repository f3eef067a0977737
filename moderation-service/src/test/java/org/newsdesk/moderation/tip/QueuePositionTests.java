package org.newsdesk.moderation.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class QueuePositionTests {

    @Test
    void aCursorHandedOutBeforeTheSharedCodecStillReadsAsItsPosition() {
        // Given a cursor as the queue made them by hand: q1, the time in milliseconds and the tip id, Base64 without
        // padding
        String before = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("q1:1700000000123:tip:with:colons".getBytes(StandardCharsets.UTF_8));

        // When it comes back
        QueuePosition position = QueuePosition.valueOf(before);

        // Then it is the same place in the queue, and the cursor for that place is the very same token
        assertThat(position).isEqualTo(new QueuePosition(Instant.ofEpochMilli(1_700_000_000_123L), "tip:with:colons"));
        assertThat(position.cursor()).isEqualTo(before);
    }

    @Test
    void noCursorIsTheStartAndAnyOtherTokenIsNotOurs() {
        assertThat(QueuePosition.valueOf(null)).isNull();
        assertThat(QueuePosition.valueOf("")).isNull();
        for (String token : new String[] {
            "%%%", "bm90LWEtY3Vyc29y", encode("q1:soon:tip"), encode("s1:1:tip"), encode("q1:1:"), "a".repeat(600)
        }) {
            assertThatThrownBy(() -> QueuePosition.valueOf(token))
                    .as(token)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
