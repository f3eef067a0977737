package org.newsdesk.moderation.account;

import jakarta.validation.Validator;
import java.security.Principal;
import java.util.List;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.security.PasswordRule;
import org.newsdesk.moderation.security.Role;
import org.newsdesk.moderation.web.ModeratorPage;
import org.newsdesk.web.problem.FieldProblem;
import org.newsdesk.web.problem.ProblemException;
import org.newsdesk.web.time.OutletTime;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The accounts page for editors (who may sign in, with which role; add a person, disable, enable,
 * change a role, hand over a set-password link), a person's own password page, and the page a
 * set-password link opens. Every answer is {@code no-store}: a link or a form about passwords
 * stays out of every cache.
 */
@ModeratorPage
class AccountsPage {

    private final AccountDesk desk;
    private final Validator validator;
    private final OutletTime time;

    AccountsPage(AccountDesk desk, Validator validator, OutletTime time) {
        this.desk = desk;
        this.validator = validator;
        this.time = time;
    }

    @GetMapping("/accounts")
    Mono<Rendering> accounts(
            @RequestParam(required = false) String done, @RequestParam(required = false) String who, Principal me) {
        String notice = notice(done, who);
        return page(me, HttpStatus.OK, new NewAccountForm(null, null, Role.MODERATOR), List.of(), notice, null, null);
    }

    @PostMapping("/accounts")
    Mono<Rendering> add(NewAccountForm form, Principal me, ServerWebExchange exchange) {
        List<FieldProblem> problems = validator.validate(form).stream()
                .map(violation -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
                .toList();
        if (!problems.isEmpty()) {
            return page(me, HttpStatus.BAD_REQUEST, form, problems, null, null, null);
        }
        return desk.add(form.username(), form.displayName(), form.role(), me.getName())
                .flatMap(issued -> page(me, HttpStatus.OK, blank(), List.of(), null, null, link(issued, exchange)))
                .onErrorResume(ProblemException.class, refused -> refused(me, form, refused));
    }

    @PostMapping("/accounts/{username}/password-link")
    Mono<Rendering> passwordLink(@PathVariable String username, Principal me, ServerWebExchange exchange) {
        return desk.issueLink(username, me.getName())
                .flatMap(issued -> page(me, HttpStatus.OK, blank(), List.of(), null, null, link(issued, exchange)))
                .onErrorResume(ProblemException.class, refused -> refused(me, blank(), refused));
    }

    @PostMapping("/accounts/{username}/disable")
    Mono<Rendering> disable(@PathVariable String username, Principal me) {
        return desk.disable(username, me.getName())
                .map(changed -> done("disabled", changed))
                .onErrorResume(ProblemException.class, refused -> refused(me, blank(), refused));
    }

    @PostMapping("/accounts/{username}/enable")
    Mono<Rendering> enable(@PathVariable String username, Principal me) {
        return desk.enable(username, me.getName())
                .map(changed -> done("enabled", changed))
                .onErrorResume(ProblemException.class, refused -> refused(me, blank(), refused));
    }

    @PostMapping("/accounts/{username}/role")
    Mono<Rendering> role(@PathVariable String username, PasswordForms.RoleChoice choice, Principal me) {
        if (choice.role() == null) {
            return page(
                    me,
                    HttpStatus.BAD_REQUEST,
                    blank(),
                    List.of(new FieldProblem("role", "is required")),
                    null,
                    null,
                    null);
        }
        return desk.changeRole(username, choice.role(), me.getName())
                .map(changed -> done("role", changed))
                .onErrorResume(ProblemException.class, refused -> refused(me, blank(), refused));
    }

    @GetMapping("/account/password")
    Rendering ownPassword(@RequestParam(required = false) String changed, Principal me) {
        return own(me, HttpStatus.OK, List.of(), changed != null);
    }

    @PostMapping("/account/password")
    Mono<Rendering> changeOwnPassword(PasswordForms.OwnPassword form, Principal me) {
        return desk.changeOwnPassword(me.getName(), form.current(), form.password(), form.repeated())
                .map(changed ->
                        Rendering.redirectTo("/account/password?changed").build())
                .onErrorResume(
                        ProblemException.class,
                        refused -> refused.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)
                                ? Mono.just(own(me, HttpStatus.BAD_REQUEST, refused.fieldProblems(), false))
                                : Mono.error(refused));
    }

    @GetMapping(ModeratorAccounts.SET_PASSWORD)
    Mono<Rendering> setPasswordPage(@RequestParam(required = false) String token) {
        return desk.linkedAccount(token)
                .map(account -> setPassword(HttpStatus.OK, account, token, List.of()))
                .defaultIfEmpty(gone());
    }

    @PostMapping(ModeratorAccounts.SET_PASSWORD)
    Mono<Rendering> setPassword(PasswordForms.SetPassword form) {
        return desk.setPassword(form.token(), form.password(), form.repeated())
                .map(account -> Rendering.redirectTo("/login?passwordSet").build())
                .onErrorResume(ProblemException.class, refused -> {
                    if (refused.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
                        return desk.linkedAccount(form.token())
                                .map(account -> setPassword(
                                        HttpStatus.BAD_REQUEST, account, form.token(), refused.fieldProblems()))
                                .defaultIfEmpty(gone());
                    }
                    return refused.getStatusCode().isSameCodeAs(HttpStatus.GONE)
                            ? Mono.just(gone())
                            : Mono.error(refused);
                });
    }

    private Mono<Rendering> refused(Principal me, NewAccountForm form, ProblemException refused) {
        HttpStatus status = HttpStatus.valueOf(refused.getStatusCode().value());
        if (status == HttpStatus.BAD_REQUEST) {
            return page(me, status, form, refused.fieldProblems(), null, null, null);
        }
        if (status == HttpStatus.CONFLICT || status == HttpStatus.NOT_FOUND) {
            return page(me, status, form, List.of(), null, refused.getBody().getDetail(), null);
        }
        return Mono.error(refused);
    }

    private Mono<Rendering> page(
            Principal me,
            HttpStatus status,
            NewAccountForm form,
            List<FieldProblem> errors,
            String notice,
            String conflict,
            IssuedLinkView issued) {
        return desk.people()
                .map(account -> PersonView.of(account, me.getName()))
                .collectList()
                .map(people -> Rendering.view("accounts")
                        .status(status)
                        .header("Cache-Control", CacheControl.noStore().getHeaderValue())
                        .modelAttribute("people", people)
                        .modelAttribute("form", form)
                        .modelAttribute("roles", Role.values())
                        .modelAttribute("errors", errors)
                        .modelAttribute("notice", notice)
                        .modelAttribute("conflict", conflict)
                        .modelAttribute("issued", issued)
                        .build());
    }

    private static Rendering own(Principal me, HttpStatus status, List<FieldProblem> errors, boolean changed) {
        return Rendering.view("account-password")
                .status(status)
                .header("Cache-Control", CacheControl.noStore().getHeaderValue())
                .modelAttribute("username", me.getName())
                .modelAttribute("errors", errors)
                .modelAttribute("changed", changed)
                .modelAttribute("shortest", PasswordRule.SHORTEST)
                .build();
    }

    private static Rendering setPassword(HttpStatus status, Account account, String token, List<FieldProblem> errors) {
        return Rendering.view("set-password")
                .status(status)
                .header("Cache-Control", CacheControl.noStore().getHeaderValue())
                .modelAttribute("working", true)
                .modelAttribute("username", account.username())
                .modelAttribute("displayName", account.displayName())
                .modelAttribute("token", token)
                .modelAttribute("errors", errors)
                .modelAttribute("shortest", PasswordRule.SHORTEST)
                .build();
    }

    private static Rendering gone() {
        return Rendering.view("set-password")
                .status(HttpStatus.GONE)
                .header("Cache-Control", CacheControl.noStore().getHeaderValue())
                .modelAttribute("working", false)
                .modelAttribute("errors", List.of())
                .modelAttribute("shortest", PasswordRule.SHORTEST)
                .build();
    }

    private static Rendering done(String what, Account changed) {
        return Rendering.redirectTo(UriComponentsBuilder.fromPath("/accounts")
                        .queryParam("done", what)
                        .queryParam("who", changed.username())
                        .encode()
                        .build()
                        .toUriString())
                .build();
    }

    private String notice(String done, String who) {
        if (done == null || who == null) {
            return null;
        }
        return switch (done) {
            case "disabled" -> who + " is disabled: every session of theirs has ended, and they cannot sign in.";
            case "enabled" -> who + " is enabled again and can sign in with their password.";
            case "role" -> "The role of " + who + " is changed; it counts from their next click.";
            default -> null;
        };
    }

    private static NewAccountForm blank() {
        return new NewAccountForm(null, null, Role.MODERATOR);
    }

    private IssuedLinkView link(AccountDesk.IssuedLink issued, ServerWebExchange exchange) {
        String url = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                .replacePath(ModeratorAccounts.SET_PASSWORD)
                .replaceQuery(null)
                .queryParam("token", issued.token())
                .build()
                .toUriString();
        return new IssuedLinkView(issued.username(), issued.displayName(), url, time.compact(issued.expiresAt()));
    }

    record IssuedLinkView(String username, String displayName, String url, OutletTime.Shown expires) {}

    record PersonView(
            String username,
            String displayName,
            String role,
            boolean editor,
            boolean enabled,
            boolean hasPassword,
            boolean me) {

        static PersonView of(Account account, String me) {
            return new PersonView(
                    account.username(),
                    account.displayName(),
                    account.role() == Role.EDITOR ? "Editor" : "Moderator",
                    account.role() == Role.EDITOR,
                    account.enabled(),
                    account.hasPassword(),
                    account.username().equals(me));
        }
    }
}
