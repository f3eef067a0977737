package org.newsdesk.moderation.account;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A one-time link to set an account's password. Only a digest of its token is kept: the token
 * itself exists in the page the editor saw and in the hands of the person it is for.
 *
 * @param tokenHash SHA-256 of the token, hex
 * @param usedAt    when it was used (or replaced by a newer link); a link works once
 */
@Document(PasswordLink.COLLECTION)
record PasswordLink(
        @Id String tokenHash, String username, String issuedBy, Instant issuedAt, Instant expiresAt, Instant usedAt) {

    static final String COLLECTION = "password_links";
}
