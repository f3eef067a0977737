package org.newsdesk.submission.receipt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class ReceiptController {

    private final Receipts receipts;

    ReceiptController(Receipts receipts) {
        this.receipts = receipts;
    }

    /**
     * A code that cannot exist and a code nobody was given get the same 404, so the answer tells
     * a guesser nothing about the codes' shape. Not cached anywhere: the status changes, and the
     * code in the URL is the resident's secret.
     */
    @GetMapping(path = "/api/tips/{receipt}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ReceiptView>> receipt(@PathVariable String receipt) {
        return Mono.justOrEmpty(ReceiptCode.parse(receipt))
                .flatMap(code -> receipts.find(code).map(found -> ReceiptView.of(code, found)))
                .map(view -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view))
                .switchIfEmpty(Mono.error(ReceiptController::unknownReceipt));
    }

    private static ErrorResponseException unknownReceipt() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No tip has this receipt code. Check it for typos: letters and digits, in four groups of four.");
        problem.setTitle("Unknown receipt");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    /** What a resident learns about their tip; absent fields are left out rather than null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReceiptView(String receipt, ReceiptStatus status, String storyUrl, String reason, Instant submittedAt,
            Instant updatedAt) {

        static ReceiptView of(ReceiptCode code, Receipt receipt) {
            return new ReceiptView(code.formatted(), receipt.status(), receipt.storyUrl(), receipt.reason(),
                    receipt.submittedAt(), receipt.updatedAt());
        }
    }
}
