package org.newsdesk.submission.tip;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.newsdesk.submission.tip.TipSubmissions.TipAccepted;
import org.newsdesk.web.ClientAddresses;
import org.newsdesk.web.limit.RateLimit;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

// Served only where there is a web server, and so clients to limit (a rebuild run has neither).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@RestController
class TipController {

    private final TipSubmissions submissions;
    private final RateLimit tipRateLimit;
    private final ClientAddresses clients;

    TipController(
            TipSubmissions submissions, @Qualifier("tipRateLimit") RateLimit tipRateLimit, ClientAddresses clients) {
        this.submissions = submissions;
        this.tipRateLimit = tipRateLimit;
        this.clients = clients;
    }

    /**
     * 202 rather than 201: the tip is on its way to the newsroom, not yet anything a reader can see.
     * {@code produces} lets request mapping refuse a client that cannot read the answer before the
     * tip is sent: otherwise the 406 would come after Kafka took the tip, leaving the resident
     * without a receipt for a tip that is on its way.
     */
    @PostMapping(
            path = "/api/tips",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TipAccepted>> submit(
            @Valid @RequestBody TipRequest tip,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            ServerWebExchange exchange) {
        IdempotencyKey key = IdempotencyKey.fromHeader(idempotencyKey);
        if (!tip.photoCredits().isEmpty()) {
            throw ProblemException.invalid(
                    "photoCredits", "must come with photos: send the tip as multipart/form-data with its photos parts");
        }
        takeOneTip(exchange);
        return submissions.submit(tip, key).map(TipController::accepted);
    }

    /**
     * The same tip with photos: a {@code tip} part holding the JSON above, and up to five
     * {@code photos} parts. Photos are checked and cleaned before anything is stored; one refused
     * is a 4xx naming its file, and then nothing of the tip is stored. The tip's {@code photoCredits}
     * say who took each photo, in the order of the parts: no more of them than photos.
     */
    @PostMapping(
            path = "/api/tips",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TipAccepted>> submitWithPhotos(
            @Valid @RequestPart("tip") TipRequest tip,
            @RequestPart(name = "photos", required = false) List<Part> photos,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            ServerWebExchange exchange) {
        IdempotencyKey key = IdempotencyKey.fromHeader(idempotencyKey);
        return PhotoUploads.read(photos == null ? List.of() : photos)
                .flatMap(uploads -> {
                    if (tip.photoCredits().size() > uploads.size()) {
                        return Mono.error(ProblemException.invalid(
                                "photoCredits", "must be at most one per photo: " + uploads.size() + " sent"));
                    }
                    takeOneTip(exchange);
                    return submissions.submit(tip, key, uploads);
                })
                .map(TipController::accepted);
    }

    /** Counted once the tip is known to be valid: the limit is on tips, not on typing mistakes. */
    private void takeOneTip(ServerWebExchange exchange) {
        tipRateLimit.take(clients.pseudonym(exchange)).ifPresent(wait -> {
            throw ProblemException.of(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many tips",
                            "You have sent a lot of tips in a short time. Please wait a while before sending the next one.")
                    .retryAfter(wait);
        });
    }

    private static ResponseEntity<TipAccepted> accepted(TipAccepted accepted) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/tips/" + accepted.receipt()))
                .cacheControl(CacheControl.noStore())
                .body(accepted);
    }
}
