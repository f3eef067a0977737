package org.newsdesk.moderation.security;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides which password the moderator account gets, and refuses to guess one outside a local run. */
final class ModeratorPassword {

    /** Known to everyone who reads the README: acceptable on a laptop, never anywhere else. */
    static final String LOCAL_DEFAULT = "moderator";

    private static final Logger log = LoggerFactory.getLogger(ModeratorPassword.class);

    private ModeratorPassword() {}

    /**
     * @return the configured password, or the local default where that is allowed
     * @throws MissingModeratorPasswordException when no password is configured and none may be assumed
     */
    static String resolve(ModeratorProperties properties) {
        return resolve(properties, InetAddress.getLoopbackAddress());
    }

    /**
     * As {@link #resolve(ModeratorProperties)}, for a service listening on {@code serverAddress}
     * ({@code server.address}; {@code null} means every interface): the local default is only ever
     * used where nobody but this machine can reach the service, whatever the launcher allowed.
     */
    static String resolve(ModeratorProperties properties, InetAddress serverAddress) {
        String configured = properties.password();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (!properties.localDefaultPasswordAllowed()) {
            throw new MissingModeratorPasswordException();
        }
        if (serverAddress == null || !serverAddress.isLoopbackAddress()) {
            throw new MissingModeratorPasswordException("The service listens on "
                    + (serverAddress == null ? "every network interface" : serverAddress.getHostAddress())
                    + ", beyond this machine, so it refuses the local default moderator password: set the "
                    + "environment variable NEWSDESK_MODERATOR_PASSWORD, or listen on 127.0.0.1 only.");
        }
        log.warn(
                "No moderator password configured (NEWSDESK_MODERATOR_PASSWORD): using the local default "
                        + "password '{}' for user '{}'. Fine for a local run only; never expose this service like this.",
                LOCAL_DEFAULT,
                ModeratorSecurityConfiguration.MODERATOR);
        return LOCAL_DEFAULT;
    }
}
