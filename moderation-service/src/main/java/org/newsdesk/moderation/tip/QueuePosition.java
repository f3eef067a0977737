package org.newsdesk.moderation.tip;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of the queue ends: the last tip's submission time and id, the queue's own order.
 * Handed to clients as an opaque URL-safe token with a version prefix, so its content may change
 * without breaking anyone; a tip decided meanwhile does not shift the next page.
 */
public record QueuePosition(Instant submittedAt, String tipId) implements Comparable<QueuePosition> {

    /** The queue's order, as MongoDB sorts it: submission time, then id (ASCII ids compare alike in both). */
    @Override
    public int compareTo(QueuePosition other) {
        int byTime = submittedAt.compareTo(other.submittedAt);
        return byTime != 0 ? byTime : tipId.compareTo(other.tipId);
    }

    private static final String VERSION = "q1";
    private static final int MAX_TOKEN_LENGTH = 512;

    public static QueuePosition after(ModeratedTip tip) {
        return new QueuePosition(tip.submission().submittedAt(), tip.tipId());
    }

    public String token() {
        String plain = VERSION + ":" + submittedAt.toEpochMilli() + ":" + tipId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token stands for, or empty when it is not one this service handed out. */
    public static Optional<QueuePosition> fromToken(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new QueuePosition(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]));
        }
        catch (IllegalArgumentException | DateTimeException notOurs) {
            return Optional.empty();
        }
    }
}
