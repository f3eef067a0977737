package org.newsdesk.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.messaging.EventPublisher;
import org.newsdesk.messaging.MessagingIntegrationTest;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * What happens around the moment a lease runs out, staged with a clock the test moves: a relay
 * that is not started (no ticker of its own) is driven round by round, in a collection of the
 * test's own, so that nothing but the staged rounds touches the record.
 */
@MessagingIntegrationTest
class OutboxLeaseExpiryTests {

    static final String TOPIC = MessagingIntegrationTest.TOPIC;
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    EventPublisher publisher;

    @Autowired
    OutboxProperties properties;

    @Autowired
    EmbeddedKafkaBroker broker;

    final String collection = "leaseExpiry" + UUID.randomUUID().toString().replace("-", "");
    /** Where MongoDB stores a lease's end: to the millisecond. */
    final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    final SettableClock clock = new SettableClock(start);
    OutboxRelay relay;
    KafkaTopicProbe probe;

    @BeforeEach
    void newInstance() {
        relay = new OutboxRelay(mongo, publisher, properties, OutboxMetrics.standalone(), clock);
        relay.outbox(collection);
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void aRetryThatComesRoundInTheMillisecondTheLeaseRunsOutStillSendsTheEvents() {
        // Given a record held by an instance that died, under a lease that runs out in 2 s
        String id = UUID.randomUUID().toString();
        Instant leaseEnd = start.plusSeconds(2);
        storeHeld(id, "a killed instance", leaseEnd);
        // And a new instance whose first round swept and found it
        round();

        // When its ticker comes round within the very millisecond the lease runs out, and again later
        clock.set(leaseEnd.plusNanos(300_000));
        round();
        clock.set(leaseEnd.plusSeconds(1));
        round();

        // Then the event has gone out, without waiting minutes for the next sweep
        assertThat(probe.records(TOPIC, id)).hasSize(1);
    }

    @Test
    void anInstanceThatFoundTheRecordLeasedSendsItOnceThatLeaseRunsOut() {
        // Given an instance that has swept already, and a record another instance leased, then died holding it
        round();
        String id = UUID.randomUUID().toString();
        Instant leaseEnd = start.plusSeconds(2);
        storeHeld(id, "an instance that died while sending", leaseEnd);

        // When this instance is asked to relay the record while the lease holds, then its ticker comes round after it
        // ran out
        clock.set(start.plusSeconds(1));
        relay.relay(collection, id).block(PATIENCE);
        clock.set(leaseEnd.plusSeconds(1));
        round();

        // Then the event has gone out, without waiting minutes for the next sweep
        assertThat(probe.records(TOPIC, id)).hasSize(1);
    }

    /** One round of the ticker at the clock's time. */
    private void round() {
        relay.runDueWork().block(PATIENCE);
    }

    private void storeHeld(String id, String owner, Instant until) {
        Update write = new Update()
                .set("state", "held")
                .set(Outbox.LEASE, new Document("owner", owner).append("until", Date.from(until)));
        Outbox.announce(
                write,
                TOPIC,
                TipSubmitted.of(id, null, "Held", "Body of the tip", "Ilkeston", "Community", null, Instant.now()));
        mongo.upsert(query(where("_id").is(id)), write, collection).block(PATIENCE);
    }
}
