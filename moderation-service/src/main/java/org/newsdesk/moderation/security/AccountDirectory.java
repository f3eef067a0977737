package org.newsdesk.moderation.security;

import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import reactor.core.publisher.Mono;

/**
 * Where the accounts are kept (the account feature's store, in MongoDB, so that every instance
 * agrees), as signing in reads them. Owned here and implemented by the store, so that security
 * does not depend on the account pages.
 */
public interface AccountDirectory extends ReactiveUserDetailsService {

    /** The account as it is now; empty when there is none by that name. */
    Mono<SignInAccount> account(String username);

    @Override
    default Mono<UserDetails> findByUsername(String username) {
        return account(username)
                .map(account -> User.withUsername(account.username())
                        .password(account.passwordHash() == null ? "" : account.passwordHash())
                        .disabled(!account.enabled())
                        .roles(account.role().grants())
                        .build());
    }
}
