package org.newsdesk.moderation.web;

import java.security.Principal;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What every page's layout needs: the CSRF token for its forms, and who is signed in. */
@ControllerAdvice(annotations = ModeratorPage.class)
class PageModel {

    private final ModeratorAccounts accounts;

    PageModel(ModeratorAccounts accounts) {
        this.accounts = accounts;
    }

    /** Subscribing to the token is what makes Spring Security create and store it for this session. */
    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }

    /** Whether the editors' controls and links show: the record in the masthead, corrections on a story. */
    @ModelAttribute("editor")
    Mono<Boolean> editor(ServerWebExchange exchange) {
        return exchange.getPrincipal().map(Editors::isEditor).defaultIfEmpty(false);
    }

    @ModelAttribute("me")
    Mono<String> me(ServerWebExchange exchange) {
        return exchange.getPrincipal().map(Principal::getName).map(accounts::displayName);
    }
}
