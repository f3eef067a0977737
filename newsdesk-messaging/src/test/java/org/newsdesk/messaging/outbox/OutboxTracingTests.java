package org.newsdesk.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.TipSubmitted;
import org.newsdesk.messaging.MessagingIntegrationTest;
import org.newsdesk.messaging.tracing.TraceParent;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * An event's record continues the trace of the work that made it, however much later and from
 * whichever thread the relay sends it: what lets one trace follow a tip across the services.
 */
@MessagingIntegrationTest
class OutboxTracingTests {

    static final String COLLECTION = "outboxTracedRecords";
    static final String TOPIC = MessagingIntegrationTest.TOPIC;

    @Autowired
    OutboxRelay relay;

    @Autowired
    ReactiveMongoOperations mongo;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    Tracer tracer;

    Outbox outbox;
    KafkaTopicProbe probe;

    @BeforeEach
    void outbox() {
        outbox = relay.outbox(COLLECTION);
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void aRelayedEventContinuesTheTraceOfTheRequestThatStoredItNotTheOneCurrentWhenItIsSent() {
        // Given a record written while a resident's request was traced
        String id = UUID.randomUUID().toString();
        Update write = new Update().set("state", "sent");
        Span request = tracer.nextSpan().name("resident's request").start();
        within(request, () -> Outbox.announce(write, TOPIC, tip(id)));
        store(id, write);

        // When the relay sends it while other work is traced on this thread
        Span unrelated = tracer.nextSpan().name("someone else's request").start();
        within(unrelated, () -> outbox.relay(id).block(Duration.ofSeconds(20)));

        // Then the record carries the request's trace, under a span of its own (the send's)
        TraceParent sent = TraceParent.of(onlyRecord(id));
        assertThat(sent).isNotNull();
        assertThat(sent.traceId()).isEqualTo(request.context().traceId());
        assertThat(sent.value()).doesNotContain(request.context().spanId());
        assertThat(storedEntries(id)).isEmpty();
    }

    @Test
    void anEventAnnouncedInAKeptTraceContinuesThatOne() {
        // Given the trace a tip arrived in, kept with the tip, and a moderator's own request current
        Span resident = tracer.nextSpan().name("resident's request").start();
        TraceParent kept = within(resident, TraceParent::current);
        String id = UUID.randomUUID().toString();
        Update decide = new Update().set("state", "decided");
        Span moderator = tracer.nextSpan().name("moderator's request").start();
        within(moderator, () -> Outbox.announce(decide, TOPIC, kept, tip(id)));
        store(id, decide);

        // When it is relayed
        outbox.relay(id).block(Duration.ofSeconds(20));

        // Then the decision's record is in the tip's trace
        assertThat(TraceParent.of(onlyRecord(id)).traceId())
                .isEqualTo(resident.context().traceId());
    }

    @Test
    void anEventMadeOutsideAnyTraceIsSentInATraceOfItsOwn() {
        // Given a record written by work nobody traced (a sweep, a rebuild)
        String id = UUID.randomUUID().toString();
        Update write = new Update().set("state", "untraced");
        Outbox.announce(write, TOPIC, tip(id));
        store(id, write);
        assertThat(storedEntries(id))
                .singleElement()
                .satisfies(entry -> assertThat(entry).doesNotContainKey(OutboxEntry.TRACE_PARENT));

        // When it is relayed while a request is traced on this thread
        Span unrelated = tracer.nextSpan().name("someone else's request").start();
        within(unrelated, () -> outbox.relay(id).block(Duration.ofSeconds(20)));

        // Then its record starts a trace of its own: consumers can still follow it from there
        TraceParent sent = TraceParent.of(onlyRecord(id));
        assertThat(sent).isNotNull();
        assertThat(sent.traceId()).isNotEqualTo(unrelated.context().traceId());
    }

    private <T> T within(Span span, Supplier<T> work) {
        try (Tracer.SpanInScope current = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }

    private ConsumerRecord<String, String> onlyRecord(String id) {
        List<ConsumerRecord<String, String>> sent = probe.records(TOPIC, id);
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }

    private void store(String id, Update write) {
        mongo.upsert(query(where("_id").is(id)), write, COLLECTION).block(Duration.ofSeconds(10));
    }

    private List<Document> storedEntries(String id) {
        Document stored = mongo.findById(id, Document.class, COLLECTION).block(Duration.ofSeconds(10));
        return stored.getList(Outbox.ENTRIES, Document.class, List.of());
    }

    private static TipSubmitted tip(String tipId) {
        return TipSubmitted.of(
                tipId, null, "A traced tip", "Body of the tip", "Ilkeston", "Community", null, Instant.now());
    }
}
