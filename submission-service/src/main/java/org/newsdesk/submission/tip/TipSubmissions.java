package org.newsdesk.submission.tip;

import java.time.Instant;
import java.util.UUID;

import org.newsdesk.events.TipSubmitted;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.submission.receipt.ReceiptCode;
import org.newsdesk.submission.receipt.ReceiptStatus;
import org.newsdesk.submission.receipt.Receipts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Accepts a tip: it counts as accepted once it is stored, with its {@code TipSubmitted} in its
 * outbox, in this service's database; only then does the resident get a receipt. Kafka is not on
 * that path: the outbox relay delivers the tip to the newsroom as soon as Kafka takes it, now or
 * after an outage.
 */
@Component
class TipSubmissions {

    private static final Logger log = LoggerFactory.getLogger(TipSubmissions.class);

    private final SubmittedTips tips;
    private final Outbox outbox;
    private final Receipts receipts;
    private final SubmissionProperties properties;

    TipSubmissions(SubmittedTips tips, Outbox tipOutbox, Receipts receipts, SubmissionProperties properties) {
        this.tips = tips;
        this.outbox = tipOutbox;
        this.receipts = receipts;
        this.properties = properties;
    }

    /**
     * Completes with the new tip's receipt, or fails with {@link TipNotAcceptedException} when the
     * store did not acknowledge the write within the accept timeout. A write that timed out may
     * still land; the tip is then delivered although the resident was asked to send it again: a
     * possible duplicate, never a loss.
     */
    Mono<TipAccepted> submit(TipRequest request) {
        String tipId = UUID.randomUUID().toString();
        ReceiptCode receipt = ReceiptCode.generate();
        Instant submittedAt = Instant.now();
        TipSubmitted event = TipSubmitted.of(tipId, receipt.digest(), request.headline(), request.body(),
                request.area(), request.category(), contact(request), submittedAt);

        return tips.store(event)
                .timeout(properties.acceptTimeout())
                .onErrorMap(failure -> {
                    log.warn("Tip {} not accepted: the store did not acknowledge it: {}", tipId,
                            NestedExceptionUtils.getMostSpecificCause(failure).toString());
                    return new TipNotAcceptedException(properties.retryAfter(), failure);
                })
                .then(Mono.defer(() -> storeReceipt(tipId, receipt, submittedAt)))
                .doOnSuccess(stored -> outbox.relayInBackground(tipId))
                .thenReturn(new TipAccepted(tipId, receipt.formatted(), ReceiptStatus.RECEIVED));
    }

    /**
     * The tip is already stored and on its way, so the resident gets their receipt even if this
     * write fails: this service's own listener builds the receipt from the topic.
     */
    private Mono<Void> storeReceipt(String tipId, ReceiptCode receipt, Instant submittedAt) {
        return receipts.recordSubmission(tipId, 1, receipt.digest(), submittedAt)
                .timeout(properties.storeTimeout())
                .onErrorResume(failure -> {
                    log.warn("Receipt of tip {} not stored yet, the topic's listener will: {}", tipId, failure.toString());
                    return Mono.empty();
                });
    }

    private static TipSubmitted.Contact contact(TipRequest request) {
        if (request.name() == null && request.email() == null && request.phone() == null) {
            return null;
        }
        return new TipSubmitted.Contact(request.name(), request.email(), request.phone());
    }

    /** The answer to a resident whose tip is on its way. */
    record TipAccepted(String tipId, String receipt, ReceiptStatus status) {
    }
}
