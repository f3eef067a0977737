package org.newsdesk.submission.receipt;

import jakarta.validation.Valid;
import java.time.Duration;
import java.util.Optional;
import org.newsdesk.submission.OutletProperties;
import org.newsdesk.submission.ResidentPages;
import org.newsdesk.web.ClientAddresses;
import org.newsdesk.web.limit.RateLimit;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
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

    private final Receipts receipts;
    private final RateLimit guesses;
    private final ClientAddresses clients;
    private final OutletProperties outlet;

    StatusPageController(
            Receipts receipts,
            @Qualifier("receiptGuessLimit") RateLimit guesses,
            ClientAddresses clients,
            OutletProperties outlet) {
        this.receipts = receipts;
        this.guesses = guesses;
        this.clients = clients;
        this.outlet = outlet;
    }

    @GetMapping(path = "/status", produces = MediaType.TEXT_HTML_VALUE)
    Rendering page() {
        return statusPage(HttpStatus.OK).build();
    }

    /** The code comes from a plain form or a multipart one, bound into a {@link ReceiptLookup} either way. */
    @PostMapping(
            path = "/status",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE},
            produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> lookUp(@Valid ReceiptLookup lookup, BindingResult errors, ServerWebExchange exchange) {
        String client = clients.pseudonym(exchange);
        Optional<Duration> wait = guesses.check(client);
        if (wait.isPresent()) {
            return Mono.just(statusPage(HttpStatus.TOO_MANY_REQUESTS)
                    .modelAttribute("waitMinutes", Math.max(1, (wait.get().toSeconds() + 59) / 60))
                    .header(HttpHeaders.RETRY_AFTER, ProblemException.retryAfterSeconds(wait.get()))
                    .build());
        }
        if (errors.hasErrors()) {
            return Mono.just(mistake(errors.getFieldError().getDefaultMessage(), HttpStatus.BAD_REQUEST));
        }
        return Mono.justOrEmpty(ReceiptCode.parse(lookup.receipt()))
                .flatMap(receipts::find)
                .map(found -> statusPage(HttpStatus.OK)
                        .modelAttribute("status", TipStatusView.of(found))
                        .build())
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    guesses.take(client);
                    return statusPage(HttpStatus.NOT_FOUND)
                            .modelAttribute("status", TipStatusView.UNKNOWN)
                            .build();
                }));
    }

    /**
     * A form that cannot be read ({@code receipt=%ZZ}, a multipart body that is not one) is the
     * sender's mistake, and a person with a browser gets the page again rather than problem details.
     */
    @ExceptionHandler
    Rendering unreadable(ServerWebInputException unreadable) {
        return mistake(
                "We could not read what your browser sent. Please type your code again.", HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler
    Rendering tooLarge(DataBufferLimitException tooLarge) {
        return mistake(
                "What your browser sent is far longer than a receipt code. Please type your code again.",
                HttpStatus.CONTENT_TOO_LARGE);
    }

    private Rendering mistake(String message, HttpStatus status) {
        return statusPage(status).modelAttribute("error", message).build();
    }

    private Rendering.Builder<?> statusPage(HttpStatus status) {
        return ResidentPages.page("status", status, outlet);
    }
}
