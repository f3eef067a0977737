package org.newsdesk.moderation.security;

import java.io.Serializable;

/**
 * What signing in needs to know of an account, as the account store holds it now.
 *
 * @param passwordHash the encoded password, or {@code null} while its set-password link is unused
 * @param epoch        grows whenever every session of the account must end (it was disabled, its
 *                     password was set afresh): a session made under an older epoch is refused
 */
public record SignInAccount(
        String username, String displayName, Role role, String passwordHash, boolean enabled, long epoch)
        implements Serializable {}
