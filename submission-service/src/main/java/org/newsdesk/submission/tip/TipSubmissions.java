package org.newsdesk.submission.tip;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.EventPublisher;
import org.newsdesk.submission.SubmissionProperties;
import org.newsdesk.submission.receipt.ReceiptCode;
import org.newsdesk.submission.receipt.ReceiptStatus;
import org.newsdesk.submission.receipt.Receipts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Accepts a tip: it counts as accepted once Kafka acknowledged it, and only then does it get a
 * receipt.
 */
@Component
class TipSubmissions {

    private static final Logger log = LoggerFactory.getLogger(TipSubmissions.class);

    private final EventPublisher publisher;
    private final Receipts receipts;
    private final SubmissionProperties properties;

    TipSubmissions(EventPublisher publisher, Receipts receipts, SubmissionProperties properties,
            ProducerFactory<?, ?> producers) {
        this.publisher = publisher;
        this.receipts = receipts;
        this.properties = properties;
        warnIfKafkaOutwaitsResidents(producers.getConfigurationProperties(), properties.acceptTimeout());
    }

    /**
     * The producer must give up on a tip before the resident is told it was not accepted, or a
     * tip answered with 503 may still be delivered. Deployments set both through the environment,
     * so say it loudly when they disagree.
     */
    static boolean warnIfKafkaOutwaitsResidents(Map<String, Object> producerConfig, Duration acceptTimeout) {
        long kafkaGivesUpAfter = millis(producerConfig, ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000)
                + millis(producerConfig, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        if (kafkaGivesUpAfter < acceptTimeout.toMillis()) {
            return false;
        }
        log.warn("Kafka may take up to {} ms ({} + {}) to give up on a tip, longer than the {} ms a resident waits "
                + "(newsdesk.submission.accept-timeout): a tip answered with 503 could still be delivered later",
                kafkaGivesUpAfter, ProducerConfig.MAX_BLOCK_MS_CONFIG, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                acceptTimeout.toMillis());
        return true;
    }

    private static long millis(Map<String, Object> config, String key, long kafkaDefault) {
        Object value = config.get(key);
        return value == null ? kafkaDefault : Long.parseLong(value.toString().trim());
    }

    /**
     * Completes with the new tip's receipt, or fails with {@link TipNotAcceptedException} when
     * Kafka did not acknowledge it within the accept timeout. The producer's own timeouts are
     * shorter than that, so normally Kafka has already given up on the tip when the resident is
     * told to try again; the timeout here is only the last word on how long anybody waits.
     */
    Mono<TipAccepted> submit(TipRequest request) {
        String tipId = UUID.randomUUID().toString();
        ReceiptCode receipt = ReceiptCode.generate();
        Instant submittedAt = Instant.now();
        TipSubmitted event = TipSubmitted.of(tipId, receipt.digest(), request.headline(), request.body(),
                request.area(), request.category(), contact(request), submittedAt);

        return publisher.publish(Topics.TIPS_SUBMITTED, event)
                .timeout(properties.acceptTimeout())
                .onErrorMap(failure -> {
                    log.warn("Tip {} not accepted: Kafka did not acknowledge it: {}", tipId,
                            NestedExceptionUtils.getMostSpecificCause(failure).toString());
                    return new TipNotAcceptedException(properties.retryAfter(), failure);
                })
                .then(Mono.defer(() -> storeReceipt(tipId, receipt, submittedAt)))
                .thenReturn(new TipAccepted(tipId, receipt.formatted(), ReceiptStatus.RECEIVED));
    }

    /**
     * The tip is already durable on Kafka, so the resident gets their receipt even if this write
     * fails: this service's own listener rebuilds the receipt from the topic.
     */
    private Mono<Void> storeReceipt(String tipId, ReceiptCode receipt, Instant submittedAt) {
        return receipts.recordSubmission(tipId, receipt.digest(), submittedAt)
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
