package org.newsdesk.submission.receipt;

import java.time.Duration;
import java.util.Optional;

import org.newsdesk.submission.OutletProperties;
import org.newsdesk.web.ClientAddresses;
import org.newsdesk.web.limit.RateLimit;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a resident follows their tip with its receipt code. The code travels only in the body of
 * a POST, never in a URL, so it stays out of the browser's history, of server and proxy logs
 * and of {@code Referer} headers. The page tells where the tip stands and nothing else: no tip
 * id, no contact details, no moderator.
 *
 * <p>A code that cannot exist and a code nobody was given get the same answer. Every code looked
 * up in vain costs the client one of its hourly guesses; once they are used up every lookup
 * waits, found or not, so the answer to a guess never depends on whether it was right.
 */
// Served only where there is a web server, and so clients to limit (a rebuild run has neither).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Controller
class StatusPageController {

    private static final String NEVER_STORED = CacheControl.noStore().getHeaderValue();

    private final Receipts receipts;
    private final RateLimit guesses;
    private final ClientAddresses clients;
    private final OutletProperties outlet;

    StatusPageController(Receipts receipts, @Qualifier("receiptGuessLimit") RateLimit guesses, ClientAddresses clients,
            OutletProperties outlet) {
        this.receipts = receipts;
        this.guesses = guesses;
        this.clients = clients;
        this.outlet = outlet;
    }

    @ModelAttribute("outlet")
    OutletProperties outlet() {
        return outlet;
    }

    @GetMapping(path = "/status", produces = MediaType.TEXT_HTML_VALUE)
    Rendering page() {
        return statusPage(null, HttpStatus.OK);
    }

    @PostMapping(path = "/status", consumes = { MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            MediaType.MULTIPART_FORM_DATA_VALUE }, produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> lookUp(ServerWebExchange exchange) {
        String client = clients.pseudonym(exchange);
        Optional<Duration> wait = guesses.check(client);
        if (wait.isPresent()) {
            return Mono.just(Rendering.view("status")
                    .status(HttpStatus.TOO_MANY_REQUESTS)
                    .modelAttribute("waitMinutes", Math.max(1, (wait.get().toSeconds() + 59) / 60))
                    .header(HttpHeaders.RETRY_AFTER, ProblemException.retryAfterSeconds(wait.get()))
                    .header(HttpHeaders.CACHE_CONTROL, NEVER_STORED)
                    .build());
        }
        return typedCode(exchange)
                .flatMap(typed -> Mono.justOrEmpty(ReceiptCode.parse(typed)))
                .flatMap(receipts::find)
                .map(found -> statusPage(TipStatusView.of(found), HttpStatus.OK))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    guesses.take(client);
                    return statusPage(TipStatusView.UNKNOWN, HttpStatus.NOT_FOUND);
                }));
    }

    /** The {@code receipt} field, from a plain form or a multipart one. */
    private static Mono<String> typedCode(ServerWebExchange exchange) {
        return exchange.getFormData().mapNotNull(form -> form.getFirst("receipt"))
                .switchIfEmpty(exchange.getMultipartData().mapNotNull(parts -> parts.getFirst("receipt"))
                        .ofType(FormFieldPart.class)
                        .map(FormFieldPart::value));
    }

    private static Rendering statusPage(TipStatusView status, HttpStatus code) {
        Rendering.Builder<?> page = Rendering.view("status").status(code).header(HttpHeaders.CACHE_CONTROL, NEVER_STORED);
        if (status != null) {
            page.modelAttribute("status", status);
        }
        return page.build();
    }
}
