package org.newsdesk.moderation.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.newsdesk.moderation.record.Act;
import org.newsdesk.moderation.record.EditorialAct;
import org.newsdesk.moderation.record.EditorialRecord;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Configuration only seeds the accounts: at start, each configured account the store lacks is
 * added (enabled, with its configured role, name and password); one the store has is left as the
 * pages made it (role, name, enabled or not), except for its password when the configured one
 * changed since it was last seeded. So an operator who changes {@code NEWSDESK_MODERATOR_PASSWORD}
 * (or an account's configured hash) resets that password at the next start, ending its sessions,
 * while a password changed on the pages survives restarts with an unchanged configuration.
 * Afterwards, the names the pages show are read again every minute, for accounts added on other
 * instances.
 */
@Component
class AccountSeeding implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AccountSeeding.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration NAMES_EVERY = Duration.ofMinutes(1);

    private final Accounts accounts;
    private final ModeratorAccounts configured;
    private final EditorialRecord record;
    private final Clock clock = Clock.systemUTC();
    private Disposable names;

    AccountSeeding(Accounts accounts, ModeratorAccounts configured, EditorialRecord record) {
        this.accounts = accounts;
        this.configured = configured;
        this.record = record;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Flux.fromIterable(configured.seeds())
                .concatMap(this::seed)
                .then(accounts.all().then())
                .block(PATIENCE);
        names = Flux.interval(NAMES_EVERY)
                .concatMap(tick -> accounts.all().then().onErrorResume(failure -> {
                    log.warn(
                            "Could not read the accounts' names: {}",
                            failure.getClass().getName());
                    return Mono.empty();
                }))
                .subscribe();
    }

    Mono<Void> seed(ModeratorAccounts.Seed seed) {
        Instant now = clock.instant();
        return accounts.find(seed.username())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(stored -> {
                    if (stored.isPresent()) {
                        return seed.sameSecret().test(stored.get().seededFrom())
                                ? Mono.<Void>empty()
                                : reset(seed, now);
                    }
                    return accounts.insert(new Account(
                                    seed.username(),
                                    seed.displayName(),
                                    seed.role(),
                                    seed.passwordHash(),
                                    true,
                                    0,
                                    seed.passwordHash(),
                                    now,
                                    now))
                            // Another instance starting at the same moment seeded it first.
                            .onErrorResume(DuplicateKeyException.class, seededElsewhere -> Mono.empty())
                            .then();
                });
    }

    private Mono<Void> reset(ModeratorAccounts.Seed seed, Instant now) {
        return accounts.change(
                        seed.username(),
                        new Update()
                                .set(Accounts.PASSWORD_HASH, seed.passwordHash())
                                .set(Accounts.SEEDED_FROM, seed.passwordHash())
                                .inc(Accounts.EPOCH, 1),
                        now)
                .flatMap(changed -> record.append(new EditorialAct(
                        UUID.randomUUID().toString(),
                        now,
                        null,
                        Act.PASSWORD_SET,
                        null,
                        "The password of " + changed.displayName() + " (" + changed.username()
                                + ") was reset from the service's configuration at start; its sessions ended",
                        null)))
                .then();
    }

    @Override
    public void destroy() {
        if (names != null) {
            names.dispose();
        }
    }
}
