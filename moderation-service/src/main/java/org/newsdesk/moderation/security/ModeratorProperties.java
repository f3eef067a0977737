package org.newsdesk.moderation.security;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The moderators' accounts and how signing in is checked, under {@code newsdesk.moderator}.
 *
 * @param password                     the {@code moderator} account's password, from {@code NEWSDESK_MODERATOR_PASSWORD}
 * @param localDefaultPasswordAllowed  only the embedded local run sets this: without a password it
 *                                     may then fall back to a well-known one instead of refusing to start
 * @param displayName                  the name the pages show for the {@code moderator} account
 * @param accounts                     more accounts by user name, each with a BCrypt hash (never a password)
 * @param signIn                       how sign-ins are remembered and throttled
 */
@ConfigurationProperties("newsdesk.moderator")
record ModeratorProperties(
        String password,
        boolean localDefaultPasswordAllowed,
        String displayName,
        Map<String, Account> accounts,
        SignIn signIn) {

    @ConstructorBinding
    ModeratorProperties {
        displayName = displayName == null || displayName.isBlank() ? "Moderator" : displayName;
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
        signIn = signIn == null ? new SignIn(null, null, null, null, null, null) : signIn;
    }

    /** The {@code moderator} account alone, with the default sign-in settings. */
    ModeratorProperties(String password, boolean localDefaultPasswordAllowed) {
        this(password, localDefaultPasswordAllowed, null, null, null);
    }

    /** Never shows the password, wherever this record ends up printed. */
    @Override
    public String toString() {
        return "ModeratorProperties[password=" + (password == null || password.isEmpty() ? "<none>" : "<set>")
                + ", localDefaultPasswordAllowed=" + localDefaultPasswordAllowed + ", accounts=" + accounts.keySet()
                + "]";
    }

    /**
     * @param displayName  the name pages and the history show for this moderator
     * @param passwordHash a BCrypt hash, with or without the {@code {bcrypt}} prefix
     * @param role         what the account may do; a moderator when not set
     */
    record Account(String displayName, String passwordHash, Role role) {

        // Two constructors leave the binder without a choice, and it then bound no account at all.
        @ConstructorBinding
        Account {
            role = role == null ? Role.MODERATOR : role;
        }

        Account(String displayName, String passwordHash) {
            this(displayName, passwordHash, null);
        }

        @Override
        public String toString() {
            return "Account[displayName=" + displayName + "]";
        }
    }

    /**
     * @param rememberFor          how long a successful HTTP Basic sign-in is remembered, so that
     *                             further calls with the same credentials skip BCrypt
     * @param rememberAtMost       how many such sign-ins are remembered at once
     * @param failuresPerAccount   failed sign-ins an account takes per {@code failureWindow} before
     *                             further attempts are refused without checking the password
     * @param failuresPerClient    the same per client (a pseudonym of its address)
     * @param failureWindow        the window those failures refill over
     * @param throttledAtMost      how many accounts and clients are tracked at once
     */
    record SignIn(
            Duration rememberFor,
            Integer rememberAtMost,
            Integer failuresPerAccount,
            Integer failuresPerClient,
            Duration failureWindow,
            Integer throttledAtMost) {

        SignIn {
            rememberFor = rememberFor == null ? Duration.ofMinutes(10) : rememberFor;
            rememberAtMost = rememberAtMost == null ? 10_000 : rememberAtMost;
            failuresPerAccount = failuresPerAccount == null ? 20 : failuresPerAccount;
            failuresPerClient = failuresPerClient == null ? 10 : failuresPerClient;
            failureWindow = failureWindow == null ? Duration.ofMinutes(15) : failureWindow;
            throttledAtMost = throttledAtMost == null ? 100_000 : throttledAtMost;
        }
    }
}
