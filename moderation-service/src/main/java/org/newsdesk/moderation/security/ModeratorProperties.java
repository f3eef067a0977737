package org.newsdesk.moderation.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The moderator account, under {@code newsdesk.moderator}.
 *
 * @param password                     the moderator's password, from {@code NEWSDESK_MODERATOR_PASSWORD}
 * @param localDefaultPasswordAllowed  only the embedded local run sets this: without a password it
 *                                     may then fall back to a well-known one instead of refusing to start
 */
@ConfigurationProperties("newsdesk.moderator")
record ModeratorProperties(String password, boolean localDefaultPasswordAllowed) {

    /** Never shows the password, wherever this record ends up printed. */
    @Override
    public String toString() {
        return "ModeratorProperties[password=" + (password == null || password.isEmpty() ? "<none>" : "<set>")
                + ", localDefaultPasswordAllowed=" + localDefaultPasswordAllowed + "]";
    }
}
