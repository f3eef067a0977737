package org.newsdesk.moderation.account;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import org.newsdesk.moderation.security.AccountDirectory;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.security.Role;
import org.newsdesk.moderation.security.SignInAccount;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The accounts and their set-password links, in MongoDB, so that every instance signs in against
 * the same accounts and sees a change at once. Keyed by user name (and links by their token's
 * digest), so every read is by id and no index is needed beyond {@code _id}.
 */
@Component
class Accounts implements AccountDirectory {

    static final String ID = "_id";
    static final String ROLE = "role";
    static final String ENABLED = "enabled";
    static final String EPOCH = "epoch";
    static final String PASSWORD_HASH = "passwordHash";
    static final String SEEDED_FROM = "seededFrom";
    static final String UPDATED_AT = "updatedAt";
    static final String DISPLAY_NAME = "displayName";

    private final ReactiveMongoOperations mongo;
    private final ModeratorAccounts names;

    Accounts(ReactiveMongoOperations mongo, ModeratorAccounts names) {
        this.mongo = mongo;
        this.names = names;
    }

    @Override
    public Mono<SignInAccount> account(String username) {
        return find(username).map(Account::signIn);
    }

    Mono<Account> find(String username) {
        if (username == null || username.isEmpty()) {
            return Mono.empty();
        }
        return mongo.findById(username, Account.class)
                .doOnNext(account -> names.remember(account.username(), account.displayName()));
    }

    Flux<Account> all() {
        return mongo.find(new Query().with(Sort.by(DISPLAY_NAME, ID)), Account.class)
                .doOnNext(account -> names.remember(account.username(), account.displayName()));
    }

    /** @throws org.springframework.dao.DuplicateKeyException (in the Mono) when the name is taken */
    Mono<Account> insert(Account account) {
        return mongo.insert(account).doOnNext(inserted -> names.remember(inserted.username(), inserted.displayName()));
    }

    /** Applies the change and answers the account as it is after it; empty when there is no such account. */
    Mono<Account> change(String username, Update update, Instant now) {
        return mongo.findAndModify(
                query(where(ID).is(username)),
                update.set(UPDATED_AT, now),
                FindAndModifyOptions.options().returnNew(true),
                Account.class);
    }

    Mono<Long> enabledEditors() {
        return mongo.count(query(where(ROLE).is(Role.EDITOR).and(ENABLED).is(true)), Account.class);
    }

    Mono<PasswordLink> insertLink(PasswordLink link) {
        return mongo.insert(link);
    }

    /** The link if it still works: not used, not replaced, not expired. */
    Mono<PasswordLink> workingLink(String tokenHash, Instant now) {
        return mongo.findOne(working(tokenHash, now), PasswordLink.class);
    }

    /** Uses the link, once: of two uses at the same moment, on any instances, one gets it. */
    Mono<PasswordLink> useLink(String tokenHash, Instant now) {
        return mongo.findAndModify(
                working(tokenHash, now),
                Update.update("usedAt", now),
                FindAndModifyOptions.options().returnNew(true),
                PasswordLink.class);
    }

    /** Ends every unused link of the account: only the newest link works. */
    Mono<Void> retireLinks(String username, Instant now) {
        return mongo.updateMulti(
                        query(where("username").is(username).and("usedAt").is(null)),
                        Update.update("usedAt", now),
                        PasswordLink.class)
                .then();
    }

    private static Query working(String tokenHash, Instant now) {
        return query(
                where(ID).is(tokenHash).and("usedAt").is(null).and("expiresAt").gt(now));
    }
}
