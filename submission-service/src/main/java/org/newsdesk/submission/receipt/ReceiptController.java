package org.newsdesk.submission.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.newsdesk.web.ClientAddresses;
import org.newsdesk.web.limit.RateLimit;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

// Served only where there is a web server, and so clients to limit (a rebuild run has neither).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@RestController
class ReceiptController {

    private final Receipts receipts;
    private final RateLimit guesses;
    private final ClientAddresses clients;

    ReceiptController(Receipts receipts, @Qualifier("receiptGuessLimit") RateLimit guesses, ClientAddresses clients) {
        this.receipts = receipts;
        this.guesses = guesses;
        this.clients = clients;
    }

    /**
     * A code that cannot exist and a code nobody was given get the same 404, so the answer tells
     * a guesser nothing about the codes' shape. Not cached anywhere: the status changes, and the
     * code in the URL is the resident's secret. Guessing is limited as on the status page: each
     * code found in vain costs one of the client's guesses, and without guesses left every lookup waits.
     */
    @GetMapping(path = "/api/tips/{receipt}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ReceiptView>> receipt(@PathVariable String receipt, ServerWebExchange exchange) {
        String client = clients.pseudonym(exchange);
        Optional<Duration> wait = guesses.check(client);
        if (wait.isPresent()) {
            return Mono.error(ProblemException.of(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many lookups",
                            "Too many receipt codes were looked up from here that match no tip. Please wait a while.")
                    .retryAfter(wait.get()));
        }
        return Mono.justOrEmpty(ReceiptCode.parse(receipt))
                .flatMap(code -> receipts.find(code).map(found -> ReceiptView.of(code, found)))
                .map(view ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view))
                .switchIfEmpty(Mono.error(() -> {
                    guesses.take(client);
                    return ProblemException.of(
                            HttpStatus.NOT_FOUND,
                            "Unknown receipt",
                            "No tip has this receipt code. "
                                    + "Check it for typos: letters and digits, in four groups of four.");
                }));
    }

    /** What a resident learns about their tip; absent fields are left out rather than null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReceiptView(
            String receipt,
            ReceiptStatus status,
            String storyUrl,
            String reason,
            Instant submittedAt,
            Instant updatedAt) {

        static ReceiptView of(ReceiptCode code, Receipt receipt) {
            return new ReceiptView(
                    code.formatted(),
                    receipt.status(),
                    receipt.storyUrl(),
                    receipt.reason(),
                    receipt.submittedAt(),
                    receipt.updatedAt());
        }

        /** Without the receipt code: it is the resident's secret. */
        @Override
        public String toString() {
            return "ReceiptView[receipt=redacted, status=" + status + "]";
        }
    }
}
