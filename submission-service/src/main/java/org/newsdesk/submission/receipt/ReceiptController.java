package org.newsdesk.submission.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import org.newsdesk.web.ClientAddresses;
import org.newsdesk.web.limit.RateLimit;
import org.newsdesk.web.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

// Served only where there is a web server, and so clients to limit (a rebuild run has neither).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@RestController
class ReceiptController {

    private static final Logger log = LoggerFactory.getLogger(ReceiptController.class);

    /** What an erasure answers the contact details are now. */
    static final String ERASED = "ERASED";

    private final Receipts receipts;
    private final RateLimit guesses;
    private final ClientAddresses clients;
    private final ResidentRequests requests;

    ReceiptController(
            Receipts receipts,
            @Qualifier("receiptGuessLimit") RateLimit guesses,
            ClientAddresses clients,
            ResidentRequests requests) {
        this.receipts = receipts;
        this.guesses = guesses;
        this.clients = clients;
        this.requests = requests;
    }

    /**
     * A code that cannot exist and a code nobody was given get the same 404, so the answer tells
     * a guesser nothing about the codes' shape. Not cached anywhere: the status changes, and the
     * code in the URL is the resident's secret. Guessing is limited as on the status page: each
     * code found in vain costs one of the client's guesses, and without guesses left every lookup waits.
     */
    @GetMapping(path = "/api/tips/{receipt}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ReceiptView>> receipt(@PathVariable String receipt, ServerWebExchange exchange) {
        return withKnownReceipt(receipt, exchange, (code, found) -> Mono.just(ReceiptView.of(code, found)));
    }

    /**
     * The resident withdraws a tip nobody decided yet: {@code 200} with the status {@code
     * WITHDRAWN}, again for every repeat; {@code 409} once the receipt shows a decision (see
     * {@link ResidentRequests} for a decision that overtakes the withdrawal). Guessed like a lookup.
     */
    @PostMapping(path = "/api/tips/{receipt}/withdrawal", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ActView>> withdrawal(@PathVariable String receipt, ServerWebExchange exchange) {
        return withKnownReceipt(
                receipt,
                exchange,
                (code, found) -> requests.withdraw(found)
                        .onErrorMap(
                                notRecorded -> !(notRecorded instanceof ProblemException),
                                ReceiptController::notRecorded)
                        .flatMap(after -> after.withdrawnByResident()
                                ? Mono.just(new ActView(ReceiptStatus.WITHDRAWN, null))
                                : Mono.error(ProblemException.of(
                                        HttpStatus.CONFLICT,
                                        "Already decided",
                                        "The editors have already decided on this tip, so it can no longer be withdrawn. "
                                                + "You can still erase your contact details."))));
    }

    /**
     * The resident's contact details, and their photos as received that no story uses, are erased
     * everywhere: {@code 200} once the erasure is recorded, again for every repeat. Guessed like a lookup.
     */
    @PostMapping(path = "/api/tips/{receipt}/erasure", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ActView>> erasure(@PathVariable String receipt, ServerWebExchange exchange) {
        return withKnownReceipt(
                receipt,
                exchange,
                (code, found) -> requests.erase(found)
                        .onErrorMap(ReceiptController::notRecorded)
                        .map(after -> new ActView(after.status(), ERASED)));
    }

    /**
     * Answers for the tip whose receipt code the client gave, never stored by a cache; the
     * guessing limit as in {@link #receipt}.
     */
    private <T> Mono<ResponseEntity<T>> withKnownReceipt(
            String typed, ServerWebExchange exchange, BiFunction<ReceiptCode, Receipt, Mono<T>> answer) {
        String client = clients.pseudonym(exchange);
        Optional<Duration> wait = guesses.check(client);
        if (wait.isPresent()) {
            return Mono.error(ProblemException.of(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many lookups",
                            "Too many receipt codes were looked up from here that match no tip. Please wait a while.")
                    .retryAfter(wait.get()));
        }
        return Mono.justOrEmpty(ReceiptCode.parse(typed))
                .flatMap(code -> receipts.find(code).map(found -> new Found(code, found)))
                .switchIfEmpty(Mono.error(() -> {
                    guesses.take(client);
                    return ProblemException.of(
                            HttpStatus.NOT_FOUND,
                            "Unknown receipt",
                            "No tip has this receipt code. "
                                    + "Check it for typos: letters and digits, in four groups of four.");
                }))
                .flatMap(found -> answer.apply(found.code(), found.receipt()))
                .map(body ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body));
    }

    /** The store did not take the act: nothing was promised, so the resident may simply try again. */
    private static ProblemException notRecorded(Throwable failure) {
        log.warn(
                "A resident's request on their tip was not recorded: {}",
                failure.getClass().getName());
        return ProblemException.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Not recorded",
                "We could not record this just now. Nothing has changed: please try again in a minute.");
    }

    private record Found(ReceiptCode code, Receipt receipt) {}

    /**
     * What a resident learns after acting on their tip.
     *
     * @param contactDetails {@code ERASED} after an erasure; absent after a withdrawal
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActView(ReceiptStatus status, String contactDetails) {}

    /**
     * What a resident learns about their tip; absent fields are left out rather than null.
     *
     * @param contactDetails {@code ERASED} once their contact details were erased (by them or by
     *                       the retention period); absent while they are kept, or were never given
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReceiptView(
            String receipt,
            ReceiptStatus status,
            String storyUrl,
            String reason,
            Instant submittedAt,
            Instant updatedAt,
            String contactDetails) {

        static ReceiptView of(ReceiptCode code, Receipt receipt) {
            return new ReceiptView(
                    code.formatted(),
                    receipt.status(),
                    receipt.storyUrl(),
                    receipt.reason(),
                    receipt.submittedAt(),
                    receipt.updatedAt(),
                    receipt.contactErasedAt() == null ? null : ERASED);
        }

        /** Without the receipt code: it is the resident's secret. */
        @Override
        public String toString() {
            return "ReceiptView[receipt=redacted, status=" + status + "]";
        }
    }
}
