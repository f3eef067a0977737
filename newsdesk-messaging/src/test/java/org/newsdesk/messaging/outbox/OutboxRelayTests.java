package org.newsdesk.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.messaging.EventPublisher;
import org.newsdesk.messaging.MessagingIntegrationTest;
import org.newsdesk.messaging.tracing.TraceContinuation;
import org.newsdesk.messaging.tracing.TraceParent;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import reactor.core.publisher.Mono;

/**
 * The one outbox every service uses, on a real broker and a real MongoDB wire protocol: records
 * written with their events, then relayed, swept, retried and parked.
 */
@MessagingIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OutboxRelayTests {

    static final String COLLECTION = "outboxTestRecords";
    static final String TOPIC = MessagingIntegrationTest.TOPIC;

    @Autowired
    OutboxRelay relay;

    @Autowired
    OutboxMetrics metrics;

    @Autowired
    @Qualifier("outboxHealthIndicator")
    HealthIndicator outboxHealth;

    @Autowired
    OutboxProperties properties;

    @Autowired
    EventPublisher publisher;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    Outbox outbox;
    KafkaTopicProbe probe;

    @BeforeEach
    void outbox() {
        outbox = relay.outbox(COLLECTION);
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void aRecordsEventsAreSentInOrderRightAfterTheWriteAndLeaveItsOutbox() {
        // Given a record stored together with three events about it, in one write
        String id = UUID.randomUUID().toString();
        Update write = new Update().set("state", "third");
        Outbox.announce(write, TOPIC, tip(id, "first"), tip(id, "second"), tip(id, "third"));
        store(id, write);

        // When the service relays it
        outbox.relay(id).block(Duration.ofSeconds(20));

        // Then Kafka has the three events in order, once each, and the record's outbox is empty
        assertThat(probe.records(TOPIC, id))
                .extracting(ConsumerRecord::value)
                .satisfiesExactly(
                        first -> assertThat(first).contains("\"first\""),
                        second -> assertThat(second).contains("\"second\""),
                        third -> assertThat(third).contains("\"third\""));
        assertThat(stored(id).getList(Outbox.ENTRIES, Document.class)).isEmpty();
        assertThat(stored(id)).doesNotContainKey(Outbox.LEASE);
    }

    @Test
    void aNewRecordInsertedWithItsLeaseIsSentAsWrittenAndKeepsNeitherEventNorLease() {
        // Given a record inserted with its event and this instance's lease, as a resident's new tip is
        String id = UUID.randomUUID().toString();
        Update insert = new Update().setOnInsert("state", "new");
        Outbox.HeldInsert inserted = outbox.announceOnInsertHeld(insert, TOPIC, tip(id, "new tip"));
        store(id, insert);

        // When the writer hands it to the relay, which needs no read to know what to send
        outbox.relayInsertedInBackground(id, inserted);

        // Then Kafka has the event once, and the record keeps neither the event nor the lease
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.records(TOPIC, id), sent -> sent.size() == 1);
        assertThat(probe.records(TOPIC, id).get(0).value()).contains("\"new tip\"");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stored(id)).doesNotContainKey(Outbox.LEASE));
        assertThat(stored(id).getList(Outbox.ENTRIES, Document.class)).isEmpty();
    }

    @Test
    void aNewRecordWhoseLeaseRanOutBeforeItsRelayIsRelayedAsAnyOther() {
        // Given a record inserted under a lease that had run out by the time the relay came to it
        // (a stalled instance: another one may have taken the record meanwhile)
        SettableClock clock = new SettableClock(Instant.now());
        OutboxRelay stalled = new OutboxRelay(mongo, publisher, properties, OutboxMetrics.standalone(), clock);
        Outbox stalledOutbox = stalled.outbox(COLLECTION);
        String id = UUID.randomUUID().toString();
        Update insert = new Update().setOnInsert("state", "new");
        Outbox.HeldInsert inserted = stalledOutbox.announceOnInsertHeld(insert, TOPIC, tip(id, "late tip"));
        store(id, insert);
        clock.set(clock.instant().plus(properties.lease()).plusSeconds(1));

        // When the relay comes to it
        stalledOutbox.relayInsertedInBackground(id, inserted);

        // Then it takes the lease as for any record, and the event goes once
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.records(TOPIC, id), sent -> sent.size() == 1);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stored(id).getList(Outbox.ENTRIES, Document.class))
                        .isEmpty());
        assertThat(stored(id)).doesNotContainKey(Outbox.LEASE);
    }

    @Test
    void anInstanceThatStopsHandsBackItsLeasesSoAnotherSendsAtOnce(CapturedOutput output) {
        // Given an instance holding the lease of a record it stored, whose event it had not sent yet
        OutboxRelay stopping =
                new OutboxRelay(mongo, publisher, properties, OutboxMetrics.standalone(), Clock.systemUTC());
        String id = UUID.randomUUID().toString();
        Update insert = new Update().setOnInsert("state", "new");
        stopping.outbox(COLLECTION).announceOnInsertHeld(insert, TOPIC, tip(id, "accepted while stopping"));
        store(id, insert);
        assertThat(stored(id)).containsKey(Outbox.LEASE);

        // When that instance stops
        stopping.stop();

        // Then the lease is handed back, said in its log, and another instance sends the event at once,
        // rather than when the lease would have run out
        assertThat(stored(id)).doesNotContainKey(Outbox.LEASE);
        assertThat(output).contains("handed back 1 outbox lease(s)");
        outbox.relay(id).block(Duration.ofSeconds(20));
        assertThat(probe.records(TOPIC, id)).hasSize(1);
        assertThat(stored(id).getList(Outbox.ENTRIES, Document.class)).isEmpty();
    }

    @Test
    void whenPartitionsMoveTheRelaySweepsAtOnceForWhatAnInstanceThatDiedLeftUnsent() {
        // Given a record whose event an instance that died never sent (its lease long run out), and
        // this instance's start-up sweep long past, its next one minutes away
        String id = UUID.randomUUID().toString();
        Update write = new Update().set("state", "left behind");
        Outbox.announce(write, TOPIC, tip(id, "left by an instance that died"));
        store(id, write);

        // When partitions are assigned to this instance's consumers, as when that instance's move here
        new SweepWhenPartitionsMove(relay).onPartitionsAssigned(null, List.of(new TopicPartition(TOPIC, 0)));

        // Then the relay sweeps at its next tick and the event goes out, once
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.records(TOPIC, id), sent -> sent.size() == 1);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stored(id).getList(Outbox.ENTRIES, Document.class))
                        .isEmpty());
    }

    @Test
    void twoInstancesRelayingTheSameRecordAtOnceSendEachEventOnce() {
        // Given a record with events, and a second instance of the service with its own relay
        String id = UUID.randomUUID().toString();
        Update write = new Update().set("state", "new");
        Outbox.announce(
                write,
                TOPIC,
                java.util.stream.IntStream.rangeClosed(1, 5)
                        .mapToObj(n -> tip(id, "event " + n))
                        .toArray(TipSubmitted[]::new));
        store(id, write);
        OutboxRelay otherInstance =
                new OutboxRelay(mongo, publisher, properties, OutboxMetrics.standalone(), Clock.systemUTC());

        // When both relay it at the same moment
        reactor.core.publisher.Mono.when(
                        outbox.relay(id), otherInstance.outbox(COLLECTION).relay(id))
                .block(Duration.ofSeconds(30));
        // (the loser of the lease leaves the record to the winner; a sweep would pick up anything left)
        relay.sweep().block(Duration.ofSeconds(30));

        // Then each event is on Kafka exactly once
        assertThat(probe.records(TOPIC, id)).hasSize(5);
        assertThat(stored(id).getList(Outbox.ENTRIES, Document.class)).isEmpty();
    }

    @Test
    void theSweepFindsEventsNobodyRelayedAfterACrash() {
        // Given a record whose service stopped between the write and the relay, with a lease that expired
        String id = UUID.randomUUID().toString();
        Update write = new Update()
                .set("state", "orphaned")
                .set(
                        Outbox.LEASE,
                        new Document("owner", "a crashed instance")
                                .append(
                                        "until",
                                        java.util.Date.from(Instant.now().minusSeconds(1))));
        Outbox.announce(write, TOPIC, tip(id, "left behind"));
        store(id, write);

        // When the relay sweeps
        relay.sweep().block(Duration.ofSeconds(30));

        // Then the event is sent
        assertThat(probe.records(TOPIC, id))
                .singleElement()
                .satisfies(record -> assertThat(record.value()).contains("left behind"));
    }

    @Test
    void eventsHeldByAnInstanceThatDiedGoOutWhenItsLeaseRunsOut() {
        // Given a record whose instance died while it held a lease that has not yet run out
        String id = UUID.randomUUID().toString();
        Update write = new Update()
                .set("state", "held by the dead")
                .set(
                        Outbox.LEASE,
                        new Document("owner", "a killed instance")
                                .append(
                                        "until",
                                        java.util.Date.from(Instant.now().plusSeconds(2))));
        Outbox.announce(write, TOPIC, tip(id, "held by the dead"));
        store(id, write);

        // When the relay sweeps, as at the start of a new instance
        relay.sweep().block(Duration.ofSeconds(30));

        // Then the event goes out once the lease has run out, long before the next sweep (minutes away)
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(probe.records(TOPIC, id)).hasSize(1));
    }

    @Test
    void anEventAnnouncedWhileTheRecordIsBeingRelayedGoesRightAfterNotWhenTheLeaseRunsOut() {
        // Given a record with one event, and a service that writes a second one (an editor's quick
        // second correction) and asks for it to be relayed while the first is on its way to Kafka
        String id = UUID.randomUUID().toString();
        Update write = new Update().set("state", "first");
        Outbox.announce(write, TOPIC, tip(id, "first"));
        store(id, write);
        AtomicReference<OutboxRelay> instance = new AtomicReference<>();
        AtomicBoolean announced = new AtomicBoolean();
        EventPublisher announcingMeanwhile =
                new EventPublisher(kafka, new TraceContinuation(ObservationRegistry.NOOP), "outbox-test-meanwhile") {
                    @Override
                    public Mono<SendResult<Object, Object>> publish(
                            String topic, NewsdeskEvent event, TraceParent cause) {
                        Mono<Void> meanwhile = announced.compareAndSet(false, true)
                                ? Mono.defer(() -> {
                                    Update second = new Update().set("state", "second");
                                    Outbox.announce(second, TOPIC, tip(id, "second"));
                                    return mongo.upsert(query(where("_id").is(id)), second, COLLECTION)
                                            .then(instance.get()
                                                    .outbox(COLLECTION)
                                                    .relay(id));
                                })
                                : Mono.empty();
                        return meanwhile.then(super.publish(topic, event, cause));
                    }
                };
        instance.set(
                new OutboxRelay(mongo, announcingMeanwhile, properties, OutboxMetrics.standalone(), Clock.systemUTC()));
        instance.get().start();
        try {
            // When the first event is relayed
            instance.get().outbox(COLLECTION).relay(id).block(Duration.ofSeconds(20));

            // Then the second follows it at once, long before the lease the second relay found taken runs out
            await().atMost(properties.lease().dividedBy(3))
                    .untilAsserted(() -> assertThat(probe.records(TOPIC, id))
                            .extracting(ConsumerRecord::value)
                            .satisfiesExactly(
                                    first -> assertThat(first).contains("\"first\""),
                                    second -> assertThat(second).contains("\"second\"")));
        } finally {
            instance.get().stop();
            announcingMeanwhile.destroy();
        }
    }

    @Test
    void aPoisonedEntryIsParkedAndTheEntriesBehindItAreSent(CapturedOutput output) {
        // Given a record whose first event can never be read again, followed by a good one
        String id = UUID.randomUUID().toString();
        Update write = new Update().set("state", "poisoned");
        Outbox.announce(write, TOPIC, tip(id, "poisoned"), tip(id, "behind the poison"));
        store(id, write);
        mongo.updateFirst(
                        query(where("_id").is(id)),
                        new Update().set(Outbox.ENTRIES + ".0.type", "newsdesk.gone"),
                        COLLECTION)
                .block(Duration.ofSeconds(10));
        double parkedBefore = metrics.count(COLLECTION, "parked");

        // When it is relayed
        outbox.relay(id).block(Duration.ofSeconds(20));

        // Then the poisoned entry is parked with its reason, logged at ERROR and counted
        Document record = stored(id);
        assertThat(record.getList(Outbox.ENTRIES, Document.class)).isEmpty();
        assertThat(record.getList(Outbox.PARKED, Document.class))
                .singleElement()
                .satisfies(parked -> assertThat(parked.getString("reason")).contains("newsdesk.gone"));
        assertThat(output)
                .contains("ERROR")
                .contains("Parked event")
                // (by the failure's type: its message, which may quote the event, stays with the entry)
                .doesNotContain("unknown event type");
        assertThat(metrics.count(COLLECTION, "parked")).isEqualTo(parkedBefore + 1);
        assertThat(outboxHealth.health().getDetails().get("parkedRecords"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .hasEntrySatisfying(
                        COLLECTION, count -> assertThat((Long) count).isPositive());
        // And the event behind it went out
        assertThat(probe.records(TOPIC, id))
                .singleElement()
                .satisfies(sent -> assertThat(sent.value()).contains("behind the poison"));
    }

    @Test
    void anEventKafkaRefusesIsRetriedWithBackOffThenParkedWithoutHoldingUpTheRest() {
        // Given a record whose first event is larger than Kafka takes, then an ordinary one
        String id = UUID.randomUUID().toString();
        Update write = new Update().set("state", "oversized");
        Outbox.announce(write, TOPIC, tip(id, "x".repeat(2_000_000)), tip(id, "after the oversized one"));
        store(id, write);

        // When it is relayed, and the relay retries it as its back-off allows
        outbox.relay(id).block(Duration.ofSeconds(20));

        // Then, after max-attempts failures, it is parked and the second event is sent
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(stored(id).getList(Outbox.PARKED, Document.class, List.of()))
                        .singleElement()
                        .satisfies(parked -> assertThat(
                                        parked.get("attempts", Number.class).intValue())
                                .isEqualTo(properties.maxAttempts() - 1)));
        await().untilAsserted(() -> assertThat(probe.records(TOPIC, id))
                .singleElement()
                .satisfies(sent -> assertThat(sent.value()).contains("after the oversized one")));
    }

    /** Writes a record as a service would: its state and its outbox in one write. */
    private void store(String id, Update write) {
        mongo.upsert(query(where("_id").is(id)), write, COLLECTION).block(Duration.ofSeconds(10));
    }

    private Document stored(String id) {
        return mongo.findById(id, Document.class, COLLECTION).block(Duration.ofSeconds(10));
    }

    private static TipSubmitted tip(String tipId, String headline) {
        return TipSubmitted.of(tipId, null, headline, "Body of the tip", "Ilkeston", "Community", null, Instant.now());
    }
}
