package org.newsdesk.moderation.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The moderators' page sessions, under {@code newsdesk.moderator.session}.
 *
 * @param idleTimeout  how long a session lasts without a request before the moderator signs in again
 * @param secureCookie whether the session cookie is only sent over HTTPS; set it wherever the pages are served over HTTPS
 * @param collection   the MongoDB collection sessions are kept in
 */
@ConfigurationProperties("newsdesk.moderator.session")
record SessionProperties(Duration idleTimeout, Boolean secureCookie, String collection) {

    SessionProperties {
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        // A Boolean, so that an environment variable that is not set (an empty value) leaves the default.
        secureCookie = secureCookie != null && secureCookie;
        collection = collection == null || collection.isBlank() ? "moderatorSessions" : collection;
    }
}
