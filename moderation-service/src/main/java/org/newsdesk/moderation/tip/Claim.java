package org.newsdesk.moderation.tip;

import java.time.Instant;

/**
 * A moderator's lease on a pending tip: while it holds, nobody else may decide the tip. It ends by
 * itself at {@code expiresAt} unless renewed, so a closed laptop never locks a tip for good.
 *
 * @param holder the user name of the moderator holding it
 */
public record Claim(String holder, Instant expiresAt) {

    public boolean heldAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    public boolean heldByOtherThan(String moderator, Instant now) {
        return heldAt(now) && !holder.equals(moderator);
    }
}
