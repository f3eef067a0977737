package org.newsdesk.moderation.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Who may moderate: the {@code moderator} account with its password from the environment, and
 * every account from configuration with its BCrypt hash and display name. Only hashes are kept.
 */
public final class ModeratorAccounts {

    /** A BCrypt hash as {@code htpasswd -B} or Spring's encoder writes it, with or without the {@code {bcrypt}} prefix. */
    private static final Pattern BCRYPT = Pattern.compile("(\\{bcrypt})?\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private final Map<String, UserDetails> users = new LinkedHashMap<>();
    private final Map<String, String> displayNames = new LinkedHashMap<>();

    ModeratorAccounts(ModeratorProperties properties, PasswordEncoder encoder) {
        this(properties, encoder, InetAddress.getLoopbackAddress());
    }

    /** @param serverAddress where the service listens ({@code server.address}; {@code null} for every interface) */
    ModeratorAccounts(ModeratorProperties properties, PasswordEncoder encoder, InetAddress serverAddress) {
        add(
                User.withUsername(ModeratorSecurityConfiguration.MODERATOR)
                        .password(encoder.encode(ModeratorPassword.resolve(properties, serverAddress)))
                        // The contract's one account answers for the newsroom: it is an editor.
                        .roles(Role.EDITOR.grants())
                        .build(),
                properties.displayName());
        properties.accounts().forEach((name, account) -> {
            if (users.containsKey(name)) {
                throw new IllegalStateException("The account " + name + " is configured twice");
            }
            String hash = account.passwordHash();
            if (hash == null || !BCRYPT.matcher(hash).matches()) {
                // Never echo the value: it might be a password pasted into the wrong setting.
                throw new IllegalStateException("The account " + name + " needs newsdesk.moderator.accounts." + name
                        + ".password-hash to be a BCrypt hash (for example from 'htpasswd -nbBC 12 user password')");
            }
            add(
                    User.withUsername(name)
                            .password(hash.startsWith("{") ? hash : "{bcrypt}" + hash)
                            .roles(account.role().grants())
                            .build(),
                    account.displayName() == null || account.displayName().isBlank() ? name : account.displayName());
        });
    }

    private void add(UserDetails user, String displayName) {
        users.put(user.getUsername(), user);
        displayNames.put(user.getUsername(), displayName);
    }

    List<UserDetails> users() {
        return new ArrayList<>(users.values());
    }

    UserDetails find(String username) {
        return users.get(username);
    }

    /** The name to show for an account; the user name itself for one no longer configured. */
    public String displayName(String username) {
        return displayNames.getOrDefault(username, username);
    }
}
