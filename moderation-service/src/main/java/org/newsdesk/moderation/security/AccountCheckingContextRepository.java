package org.newsdesk.moderation.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Page sessions as Spring Security keeps them (in the session, in MongoDB), checked against the
 * account store on every request: a session whose account was disabled, or whose epoch has passed
 * (the account was disabled, or its password set afresh, since it signed in), ends there and then,
 * on whichever instance the request reaches; a session that stands carries the account's roles
 * as they are now, so a changed role counts from the next click. One read by id per request.
 */
final class AccountCheckingContextRepository implements ServerSecurityContextRepository {

    private final ServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
    private final AccountDirectory directory;

    AccountCheckingContextRepository(AccountDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return sessions.save(exchange, context);
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return sessions.load(exchange).flatMap(context -> {
            Authentication signedIn = context.getAuthentication();
            if (signedIn == null || !signedIn.isAuthenticated()) {
                return Mono.just(context);
            }
            long epoch = RememberingAuthenticationManager.epochOf(signedIn);
            return directory
                    .account(signedIn.getName())
                    .filter(account -> account.enabled() && account.epoch() == epoch)
                    .map(account -> (SecurityContext)
                            new SecurityContextImpl(RememberingAuthenticationManager.signedIn(account)))
                    .switchIfEmpty(Mono.defer(() -> exchange.getSession()
                            .flatMap(WebSession::invalidate)
                            .then(Mono.empty())));
        });
    }
}
