package org.newsdesk.messaging.outbox;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Partitions assigned to this instance's consumers mean the service's instances changed: one
 * started, stopped, or died. One that died may have left records leased and unsent, which only a
 * sweep finds; so the relay sweeps at once rather than at its next scheduled sweep (minutes away),
 * and a record still leased goes out the moment its lease runs out.
 *
 * <p>It also says in the log what moved, as Spring Kafka's own listener does when there is none:
 * a container given a listener of its own no longer logs that.
 */
final class SweepWhenPartitionsMove implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(SweepWhenPartitionsMove.class);

    private final OutboxRelay relay;

    SweepWhenPartitionsMove(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        log.info("{}: partitions assigned: {}", group(consumer), partitions);
        if (!partitions.isEmpty()) {
            relay.sweepSoon();
        }
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        log.info("{}: partitions revoked: {}", group(consumer), partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        log.info("{}: partitions lost: {}", group(consumer), partitions);
    }

    private static String group(Consumer<?, ?> consumer) {
        return consumer == null ? "consumer" : consumer.groupMetadata().groupId();
    }
}
