package org.newsdesk.moderation.security;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The accounts configuration seeds into the account store at start (the {@code moderator} account
 * with its password from the environment, and every account from configuration with its BCrypt
 * hash and display name), and the names the pages show for accounts. Only hashes are kept.
 */
public final class ModeratorAccounts {

    /** A BCrypt hash as {@code htpasswd -B} or Spring's encoder writes it, with or without the {@code {bcrypt}} prefix. */
    private static final Pattern BCRYPT = Pattern.compile("(\\{bcrypt})?\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    /**
     * An account as configuration describes it.
     *
     * @param passwordHash the hash to store when the account is first seeded, or when its configured
     *                     password changed since it was last seeded
     * @param sameSecret   whether the hash stored when the account was last seeded came from the
     *                     password configured now: if it did, a password changed on the pages since
     *                     is left alone
     */
    public record Seed(
            String username, String displayName, Role role, String passwordHash, Predicate<String> sameSecret) {

        @Override
        public String toString() {
            return "Seed[" + username + "]";
        }
    }

    /** Where a one-time set-password link leads: open to anyone, since its person has no password yet. */
    public static final String SET_PASSWORD = "/set-password";

    private final List<Seed> seeds = new ArrayList<>();
    private final Duration passwordLinkValidFor;
    private final Map<String, String> displayNames = new ConcurrentHashMap<>();

    ModeratorAccounts(ModeratorProperties properties, PasswordEncoder encoder) {
        this(properties, encoder, InetAddress.getLoopbackAddress());
    }

    /** @param serverAddress where the service listens ({@code server.address}; {@code null} for every interface) */
    ModeratorAccounts(ModeratorProperties properties, PasswordEncoder encoder, InetAddress serverAddress) {
        this.passwordLinkValidFor = properties.passwordLinkValidFor();
        String password = ModeratorPassword.resolve(properties, serverAddress);
        if (!password.equals(ModeratorPassword.LOCAL_DEFAULT)) {
            new PasswordRule().problem(password).ifPresent(problem -> {
                // Never echo the value.
                throw new MissingModeratorPasswordException("The moderator password (NEWSDESK_MODERATOR_PASSWORD) "
                        + problem + ". The moderation service refuses to start with it.");
            });
        }
        Map<String, Seed> byName = new LinkedHashMap<>();
        byName.put(
                ModeratorSecurityConfiguration.MODERATOR,
                new Seed(
                        ModeratorSecurityConfiguration.MODERATOR,
                        properties.displayName(),
                        // The contract's one account answers for the newsroom: it is an editor.
                        Role.EDITOR,
                        encoder.encode(password),
                        stored -> stored != null && encoder.matches(password, stored)));
        properties.accounts().forEach((name, account) -> {
            if (byName.containsKey(name)) {
                throw new IllegalStateException("The account " + name + " is configured twice");
            }
            String hash = account.passwordHash();
            if (hash == null || !BCRYPT.matcher(hash).matches()) {
                // Never echo the value: it might be a password pasted into the wrong setting.
                throw new IllegalStateException("The account " + name + " needs newsdesk.moderator.accounts." + name
                        + ".password-hash to be a BCrypt hash (for example from 'htpasswd -nbBC 12 user password')");
            }
            String prefixed = hash.startsWith("{") ? hash : "{bcrypt}" + hash;
            byName.put(
                    name,
                    new Seed(
                            name,
                            account.displayName() == null
                                            || account.displayName().isBlank()
                                    ? name
                                    : account.displayName(),
                            account.role(),
                            prefixed,
                            prefixed::equals));
        });
        byName.values().forEach(seed -> {
            seeds.add(seed);
            remember(seed.username(), seed.displayName());
        });
    }

    public List<Seed> seeds() {
        return List.copyOf(seeds);
    }

    /** How long a one-time set-password link works ({@code newsdesk.moderator.password-link-valid-for}). */
    public Duration passwordLinkValidFor() {
        return passwordLinkValidFor;
    }

    /** The name to show for an account; the user name itself for one this instance has not seen. */
    public String displayName(String username) {
        return displayNames.getOrDefault(username, username);
    }

    /** Keeps an account's name for the pages, as the account store last read it. */
    public void remember(String username, String displayName) {
        if (username != null && displayName != null) {
            displayNames.put(username, displayName);
        }
    }
}
