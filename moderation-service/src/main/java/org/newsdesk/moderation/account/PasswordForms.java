package org.newsdesk.moderation.account;

/** The password forms as browsers post them; {@link AccountDesk} applies the password rule to them. */
final class PasswordForms {

    private PasswordForms() {}

    /** @param token the one-time link's token, carried in the form so that it never reaches a log as a path */
    record SetPassword(String token, String password, String repeated) {}

    record OwnPassword(String current, String password, String repeated) {}

    record RoleChoice(org.newsdesk.moderation.security.Role role) {}
}
