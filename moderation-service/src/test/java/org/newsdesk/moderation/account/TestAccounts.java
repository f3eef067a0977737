package org.newsdesk.moderation.account;

import java.time.Duration;
import java.util.UUID;
import org.newsdesk.moderation.security.Role;
import org.springframework.context.ApplicationContext;

/** Accounts made for a test through the same desk the accounts page uses, acted on by the {@code moderator} editor. */
public final class TestAccounts {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String EDITOR = "moderator";

    private final AccountDesk desk;

    private TestAccounts(AccountDesk desk) {
        this.desk = desk;
    }

    public static TestAccounts in(ApplicationContext context) {
        return new TestAccounts(context.getBean(AccountDesk.class));
    }

    /** A user name no other test uses. */
    public static String newUsername(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Adds the person and sets their password with their one-time link. */
    public String withPassword(String username, Role role, String password) {
        String token = added(username, role);
        desk.setPassword(token, password, password).block(PATIENCE);
        return username;
    }

    /** Adds the person, and answers the token of their one-time link. */
    public String added(String username, Role role) {
        return desk.add(username, "Test " + username, role, EDITOR)
                .block(PATIENCE)
                .token();
    }

    public String newLink(String username) {
        return desk.issueLink(username, EDITOR).block(PATIENCE).token();
    }

    public void disable(String username) {
        desk.disable(username, EDITOR).block(PATIENCE);
    }

    public void enable(String username) {
        desk.enable(username, EDITOR).block(PATIENCE);
    }

    public void changeRole(String username, Role role) {
        desk.changeRole(username, role, EDITOR).block(PATIENCE);
    }
}
