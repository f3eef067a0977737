package org.newsdesk.moderation.account;

import java.time.Instant;
import org.newsdesk.moderation.security.Role;
import org.newsdesk.moderation.security.SignInAccount;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who may sign in to the moderators' pages and API.
 *
 * @param username     how they sign in; unique, and never changes
 * @param passwordHash the encoded password; {@code null} until its person uses their set-password link
 * @param enabled      a disabled account signs in nowhere, and its sessions are refused
 * @param epoch        grows whenever every session of the account must end
 * @param seededFrom   for an account configuration seeds, the hash last seeded, so that a changed
 *                     configured password is noticed at start and an unchanged one leaves alone a
 *                     password changed on the pages since
 */
@Document(Account.COLLECTION)
record Account(
        @Id String username,
        String displayName,
        Role role,
        String passwordHash,
        boolean enabled,
        long epoch,
        String seededFrom,
        Instant createdAt,
        Instant updatedAt) {

    static final String COLLECTION = "accounts";

    SignInAccount signIn() {
        return new SignInAccount(username, displayName, role, passwordHash, enabled, epoch);
    }

    boolean hasPassword() {
        return passwordHash != null;
    }
}
