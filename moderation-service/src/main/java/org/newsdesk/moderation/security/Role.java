package org.newsdesk.moderation.security;

/**
 * What a person may do in the newsroom. A moderator works the queue; an editor also answers for
 * what is published: corrects and retracts stories, reads the record of every editorial act and
 * manages the accounts. An editor holds both roles, so every rule written for moderators admits
 * editors too.
 */
public enum Role {
    MODERATOR,
    EDITOR;

    /** Spring Security's role names this role holds, for {@code User.roles(...)}. */
    String[] grants() {
        return this == EDITOR ? new String[] {MODERATOR.name(), EDITOR.name()} : new String[] {MODERATOR.name()};
    }

    /** The paths only editors may use, on the pages and the API alike. */
    static final String[] EDITORS_ONLY = {
        "/api/tips/*/correction",
        "/api/tips/*/retraction",
        "/api/audit",
        "/api/audit/**",
        "/api/accounts",
        "/api/accounts/**",
        "/tips/*/correction",
        "/tips/*/retraction",
        "/tips/*/provenance",
        "/audit",
        "/audit/**",
        "/audit.csv",
        "/accounts",
        "/accounts/**"
    };
}
