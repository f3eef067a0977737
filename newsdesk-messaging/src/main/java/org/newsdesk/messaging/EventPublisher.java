package org.newsdesk.messaging;

import org.newsdesk.events.NewsdeskEvent;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends an event keyed by its tip id and completes once Kafka acknowledged it.
 *
 * <p>{@code KafkaTemplate.send} can block its caller for up to {@code max.block.ms} while it
 * waits for metadata from a broker that is down, so the call is made on a scheduler meant for
 * blocking work: the web server's event loop never waits for Kafka.
 */
public class EventPublisher {

    private final KafkaOperations<Object, Object> kafka;

    public EventPublisher(KafkaOperations<Object, Object> kafka) {
        this.kafka = kafka;
    }

    public Mono<SendResult<Object, Object>> publish(String topic, NewsdeskEvent event) {
        return Mono.defer(() -> Mono.fromFuture(kafka.send(topic, event.tipId(), event)))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
