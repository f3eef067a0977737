package org.newsdesk.submission.receipt;

import jakarta.validation.Valid;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.newsdesk.submission.OutletProperties;
import org.newsdesk.submission.ResidentPages;
import org.newsdesk.submission.privacy.RetentionProperties;
import org.newsdesk.web.ClientAddresses;
import org.newsdesk.web.limit.RateLimit;
import org.newsdesk.web.problem.ProblemException;
import org.newsdesk.web.time.OutletTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * and of {@code Referer} headers; the page carries it on only in the hidden fields of its own forms
 * (withdraw, erase, go back), and is never stored by a cache. The page tells where the tip stands
 * and nothing else: no tip id, no contact details, no moderator.
 *
 * <p>A code that cannot exist and a code nobody was given get the same answer. Every code looked
 * up in vain costs the client one of its hourly guesses; once they are used up every lookup
 * waits, found or not, so the answer to a guess never depends on whether it was right.
 */
// Served only where there is a web server, and so clients to limit (a rebuild run has neither).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Controller
class StatusPageController {

    private static final Logger log = LoggerFactory.getLogger(StatusPageController.class);

    private final Receipts receipts;
    private final RateLimit guesses;
    private final ClientAddresses clients;
    private final OutletProperties outlet;
    private final ResidentRequests requests;
    private final RetentionProperties retention;
    private final OutletTime outletTime;

    StatusPageController(
            Receipts receipts,
            @Qualifier("receiptGuessLimit") RateLimit guesses,
            ClientAddresses clients,
            OutletProperties outlet,
            ResidentRequests requests,
            RetentionProperties retention,
            OutletTime outletTime) {
        this.receipts = receipts;
        this.guesses = guesses;
        this.clients = clients;
        this.outlet = outlet;
        this.requests = requests;
        this.retention = retention;
        this.outletTime = outletTime;
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
        return withKnownReceipt(
                lookup.receipt(),
                errors,
                exchange,
                (code, found) -> Mono.just(statusOf(code, found).build()));
    }

    /**
     * "Withdraw this tip": first a page that says what will happen, then, confirmed, the
     * withdrawal and the status page again saying it is done (or that a decision came first).
     */
    @PostMapping(
            path = "/status/withdrawal",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE},
            produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> withdraw(@Valid ResidentAct act, BindingResult errors, ServerWebExchange exchange) {
        return act(
                StatusAct.WITHDRAWAL,
                act,
                errors,
                exchange,
                requests::withdraw,
                after -> after.withdrawnByResident()
                        ? "Your tip is withdrawn. The editors will not publish it."
                        : "The editors had already decided on your tip, so it could not be withdrawn.");
    }

    /**
     * "Erase my contact details": first a page that says what will happen, then, confirmed, the
     * erasure and the status page again saying it is done.
     */
    @PostMapping(
            path = "/status/erasure",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE},
            produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> erase(@Valid ResidentAct act, BindingResult errors, ServerWebExchange exchange) {
        return act(
                StatusAct.ERASURE,
                act,
                errors,
                exchange,
                requests::erase,
                after ->
                        "Your contact details are erased. Nobody can read them any more, here or anywhere we sent them.");
    }

    /** The confirmation page, or once confirmed the act and the status page saying what it did. */
    private Mono<Rendering> act(
            StatusAct act,
            ResidentAct form,
            BindingResult errors,
            ServerWebExchange exchange,
            Function<Receipt, Mono<Receipt>> perform,
            Function<Receipt, String> done) {
        return withKnownReceipt(
                form.receipt(),
                errors,
                exchange,
                (code, found) -> form.isConfirmed()
                        ? perform.apply(found)
                                .map(after -> statusOf(code, after)
                                        .modelAttribute("done", done.apply(after))
                                        .build())
                                .onErrorResume(failure -> notDone(code, found, failure))
                        : Mono.just(confirmation(act, code)));
    }

    /**
     * The page for the tip whose code the resident gave. A code that cannot exist and one nobody
     * was given get the same answer, and cost one of the client's guesses; without guesses left
     * every code waits, found or not.
     */
    private Mono<Rendering> withKnownReceipt(
            String typed,
            BindingResult errors,
            ServerWebExchange exchange,
            BiFunction<ReceiptCode, Receipt, Mono<Rendering>> page) {
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
        return Mono.justOrEmpty(ReceiptCode.parse(typed))
                .flatMap(code -> receipts.find(code).map(found -> new Found(code, found)))
                .flatMap(found -> page.apply(found.code(), found.receipt()))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    guesses.take(client);
                    return statusPage(HttpStatus.NOT_FOUND)
                            .modelAttribute("status", TipStatusView.UNKNOWN)
                            // It stays in the field, to be mended rather than typed again.
                            .modelAttribute("typed", typed.strip())
                            .build();
                }));
    }

    private Rendering.Builder<?> statusOf(ReceiptCode code, Receipt receipt) {
        return statusPage(HttpStatus.OK)
                .modelAttribute("status", TipStatusView.of(receipt, outletTime))
                .modelAttribute("receipt", code.formatted());
    }

    private Rendering confirmation(StatusAct act, ReceiptCode code) {
        return ResidentPages.page("confirm", HttpStatus.OK, outlet)
                .modelAttribute("act", act)
                .modelAttribute("consequences", act.consequences(retention))
                .modelAttribute("receipt", code.formatted())
                .build();
    }

    /** The act could not be recorded: the status as it was, and a message that nothing changed. */
    private Mono<Rendering> notDone(ReceiptCode code, Receipt receipt, Throwable failure) {
        log.warn(
                "A resident's request on their tip was not recorded: {}",
                failure.getClass().getName());
        return Mono.just(statusOf(code, receipt)
                .status(HttpStatus.SERVICE_UNAVAILABLE)
                .modelAttribute(
                        "failed",
                        "We could not do this just now, and nothing has changed. Please try again in a minute.")
                .build());
    }

    private record Found(ReceiptCode code, Receipt receipt) {}

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
