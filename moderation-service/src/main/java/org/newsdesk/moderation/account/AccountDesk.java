package org.newsdesk.moderation.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.newsdesk.moderation.record.Act;
import org.newsdesk.moderation.record.EditorialAct;
import org.newsdesk.moderation.record.EditorialRecord;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.security.PasswordRule;
import org.newsdesk.moderation.security.Role;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What editors do with accounts, and what a person does with their own password; every change is
 * written into the editorial record with who made it. Passwords are never shown, mailed or logged:
 * a new person gets a one-time link, which only they and the editor who handed it over ever see.
 */
@Component
class AccountDesk {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final EditorialRecord record;
    private final PasswordEncoder encoder;
    private final PasswordRule rule;
    private final ModeratorAccounts settings;
    private final Clock clock;

    @Autowired
    AccountDesk(
            Accounts accounts,
            EditorialRecord record,
            PasswordEncoder encoder,
            PasswordRule rule,
            ModeratorAccounts settings) {
        this(accounts, record, encoder, rule, settings, Clock.systemUTC());
    }

    AccountDesk(
            Accounts accounts,
            EditorialRecord record,
            PasswordEncoder encoder,
            PasswordRule rule,
            ModeratorAccounts settings,
            Clock clock) {
        this.accounts = accounts;
        this.record = record;
        this.encoder = encoder;
        this.rule = rule;
        this.settings = settings;
        this.clock = clock;
    }

    /** A set-password link as the editor hands it over: its token is in no store, only here. */
    record IssuedLink(String username, String displayName, String token, Instant expiresAt) {

        /** The token signs its holder in: a log line or an exception message that prints a link must not carry it. */
        @Override
        public String toString() {
            return "IssuedLink[username=" + username + ", token=redacted, expiresAt=" + expiresAt + "]";
        }
    }

    Flux<Account> people() {
        return accounts.all();
    }

    Mono<Account> person(String username) {
        return accounts.find(username)
                .switchIfEmpty(Mono.error(() -> ProblemException.of(
                        HttpStatus.NOT_FOUND, "Unknown account", "There is no account " + username)));
    }

    Mono<IssuedLink> add(String username, String displayName, Role role, String editor) {
        Instant now = clock.instant();
        String name = username.trim().toLowerCase(Locale.ROOT);
        return accounts.insert(new Account(name, displayName.trim(), role, null, true, 0, null, now, now))
                .onErrorMap(
                        DuplicateKeyException.class,
                        taken -> ProblemException.invalid("username", "is taken: choose another"))
                .flatMap(added -> act(editor, Act.ACCOUNT_ADDED, "Added " + who(added) + " as " + article(role), now)
                        .then(issueLink(added, editor, now)));
    }

    Mono<IssuedLink> issueLink(String username, String editor) {
        Instant now = clock.instant();
        return person(username).flatMap(account -> issueLink(account, editor, now));
    }

    private Mono<IssuedLink> issueLink(Account account, String editor, Instant now) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = now.plus(settings.passwordLinkValidFor());
        return accounts.retireLinks(account.username(), now)
                .then(accounts.insertLink(
                        new PasswordLink(digest(token), account.username(), editor, now, expiresAt, null)))
                .then(act(
                        editor,
                        Act.PASSWORD_LINK_ISSUED,
                        "Issued a one-time set-password link for " + who(account) + ", valid until " + expiresAt
                                + "; any earlier link of theirs stopped working",
                        now))
                .thenReturn(new IssuedLink(account.username(), account.displayName(), token, expiresAt));
    }

    Mono<Account> disable(String username, String editor) {
        Instant now = clock.instant();
        return person(username).flatMap(account -> {
            if (!account.enabled()) {
                return Mono.just(account);
            }
            return keepAnEditor(account, "disable")
                    .then(accounts.change(
                            username, new Update().set(Accounts.ENABLED, false).inc(Accounts.EPOCH, 1), now))
                    .flatMap(changed -> act(
                                    editor,
                                    Act.ACCOUNT_DISABLED,
                                    "Disabled " + who(changed) + "; every session of it ended",
                                    now)
                            .thenReturn(changed));
        });
    }

    Mono<Account> enable(String username, String editor) {
        Instant now = clock.instant();
        return person(username)
                .flatMap(account -> account.enabled()
                        ? Mono.just(account)
                        : accounts.change(username, new Update().set(Accounts.ENABLED, true), now)
                                .flatMap(changed -> act(editor, Act.ACCOUNT_ENABLED, "Enabled " + who(changed), now)
                                        .thenReturn(changed)));
    }

    Mono<Account> changeRole(String username, Role role, String editor) {
        Instant now = clock.instant();
        return person(username).flatMap(account -> {
            if (account.role() == role) {
                return Mono.just(account);
            }
            return (role == Role.EDITOR ? Mono.<Void>empty() : keepAnEditor(account, "make a moderator only"))
                    .then(accounts.change(username, new Update().set(Accounts.ROLE, role), now))
                    .flatMap(changed -> act(
                                    editor,
                                    Act.ROLE_CHANGED,
                                    "Made " + who(changed) + " " + article(role) + " (was " + article(account.role())
                                            + ")",
                                    now)
                            .thenReturn(changed));
        });
    }

    /** The link's account, while the link still works; empty once used, replaced or expired. */
    Mono<Account> linkedAccount(String token) {
        if (token == null || token.isBlank()) {
            return Mono.empty();
        }
        return accounts.workingLink(digest(token), clock.instant()).flatMap(link -> accounts.find(link.username()));
    }

    /** Sets the password the link is for, and uses the link up; every older session of the account ends. */
    Mono<Account> setPassword(String token, String password, String repeated) {
        Instant now = clock.instant();
        return check(password, repeated)
                .then(Mono.defer(() -> accounts.useLink(digest(token == null ? "" : token), now)))
                .switchIfEmpty(Mono.error(AccountDesk::linkGone))
                .flatMap(link -> encode(password)
                        .flatMap(hash -> accounts.change(
                                link.username(),
                                new Update().set(Accounts.PASSWORD_HASH, hash).inc(Accounts.EPOCH, 1),
                                now)))
                .flatMap(changed -> act(
                                changed.username(),
                                Act.PASSWORD_SET,
                                who(changed) + " set their password with a one-time link",
                                now)
                        .thenReturn(changed));
    }

    /** A person changes their own password, proving they know the one they have. */
    Mono<Account> changeOwnPassword(String username, String current, String password, String repeated) {
        Instant now = clock.instant();
        return person(username)
                .flatMap(account -> Mono.fromCallable(() -> account.hasPassword()
                                && current != null
                                && encoder.matches(current, account.passwordHash()))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(known -> known
                                ? check(password, repeated).thenReturn(account)
                                : Mono.error(ProblemException.invalid("current", "does not match your password"))))
                .flatMap(account -> encode(password))
                .flatMap(hash -> accounts.change(username, new Update().set(Accounts.PASSWORD_HASH, hash), now))
                .flatMap(changed -> act(username, Act.PASSWORD_CHANGED, who(changed) + " changed their password", now)
                        .thenReturn(changed));
    }

    static ProblemException linkGone() {
        return ProblemException.of(
                HttpStatus.GONE,
                "Link no longer works",
                "This set-password link has been used, replaced by a newer one, or has expired: ask an editor for"
                        + " a new one");
    }

    private Mono<Void> check(String password, String repeated) {
        return Mono.defer(() -> {
            var problem = rule.problem(password);
            if (problem.isPresent()) {
                return Mono.error(ProblemException.invalid("password", problem.get()));
            }
            if (!password.equals(repeated)) {
                return Mono.error(ProblemException.invalid("repeated", "must be the same as the new password"));
            }
            return Mono.empty();
        });
    }

    /** Refuses a change that would leave the newsroom without an enabled editor. */
    private Mono<Void> keepAnEditor(Account account, String what) {
        if (account.role() != Role.EDITOR || !account.enabled()) {
            return Mono.empty();
        }
        return accounts.enabledEditors()
                .flatMap(editors -> editors > 1
                        ? Mono.empty()
                        : Mono.error(ProblemException.of(
                                HttpStatus.CONFLICT,
                                "The last editor",
                                "You cannot " + what + " " + who(account)
                                        + ": the newsroom would have no enabled editor"
                                        + " left. Make someone else an editor first.")));
    }

    private Mono<String> encode(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<Void> act(String actor, Act act, String detail, Instant at) {
        return record.append(new EditorialAct(UUID.randomUUID().toString(), at, actor, act, null, detail, null));
    }

    private static String who(Account account) {
        return account.displayName() + " (" + account.username() + ")";
    }

    static String article(Role role) {
        return role == Role.EDITOR ? "an editor" : "a moderator";
    }

    static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
