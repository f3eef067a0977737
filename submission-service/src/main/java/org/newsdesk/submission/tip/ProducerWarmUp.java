package org.newsdesk.submission.tip;

import org.newsdesk.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Connects the producer and fetches the tips topic's metadata as soon as the service is up. The
 * producer's {@code max.block.ms} is short so that a resident hears back quickly when Kafka is
 * down; without this, the first resident after a restart would spend that budget on connecting.
 */
@Component
class ProducerWarmUp {

    private static final Logger log = LoggerFactory.getLogger(ProducerWarmUp.class);

    private final KafkaOperations<Object, Object> kafka;

    ProducerWarmUp(KafkaOperations<Object, Object> kafka) {
        this.kafka = kafka;
    }

    @EventListener(ApplicationReadyEvent.class)
    void connect() {
        // partitionsFor blocks while it waits for a broker: never on the thread that starts the application.
        Mono.fromCallable(() -> kafka.partitionsFor(Topics.TIPS_SUBMITTED))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(
                        partitions -> log.debug("Producer ready: {} has {} partitions", Topics.TIPS_SUBMITTED, partitions.size()),
                        failure -> log.warn("Kafka is not reachable yet; tips are refused with 503 until it is: {}",
                                failure.toString()));
    }
}
