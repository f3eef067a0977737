package org.newsdesk.messaging.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * The trace a piece of work belongs to, as a W3C {@code traceparent}: kept with what outlives the
 * work that caused it, so that what it causes later continues the same trace. A tip's trace starts
 * with the resident's {@code POST}; the outbox entry keeps it until the relay sends the event
 * (perhaps after an outage, from another thread or instance), the moderators' queue keeps it until
 * a moderator decides (perhaps days later), and publishing's story keeps the decision's. So one
 * trace id follows a tip from the resident through the three services to the stored story and
 * the receipt's update.
 *
 * <p>Carried in the W3C format rather than as Micrometer's or OpenTelemetry's objects: it is what
 * goes on the wire in Kafka's {@code traceparent} header, and a string stores anywhere.
 *
 * @param value {@code 00-<trace id>-<parent span id>-<flags>}
 */
public record TraceParent(String value) {

    /** The W3C header, on a Kafka record as on an HTTP request. */
    public static final String HEADER = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<String> ONLY_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(@Nullable String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    /**
     * The trace of the span current on this thread; null when there is none (tracing off, or
     * work no request or record started).
     */
    public static @Nullable TraceParent current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return of(carrier.get(HEADER));
    }

    /** A stored or received value; null when absent or not a valid W3C trace context. */
    public static @Nullable TraceParent of(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        SpanContext parsed = spanContext(value);
        return parsed.isValid() ? new TraceParent(value) : null;
    }

    /** The trace a Kafka record was sent in (its {@code traceparent} header); null when it carries none. */
    public static @Nullable TraceParent of(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(HEADER);
        return header == null || header.value() == null ? null : of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The trace id, 32 hex digits: what a log line or a tracing UI shows. */
    public String traceId() {
        return spanContext(value).getTraceId();
    }

    /** As OpenTelemetry's context, with this as the remote parent of whatever span starts in it. */
    public Context context() {
        return W3C.extract(Context.root(), value, ONLY_VALUE);
    }

    /**
     * Makes this trace current on this thread until the scope closes: log lines written meanwhile
     * carry its ids. For work done for many records at once (a batch listener's), where no
     * listener observation says which record a line is about.
     */
    public static Scope current(@Nullable TraceParent trace) {
        return trace == null ? Scope.noop() : trace.context().makeCurrent();
    }

    private static SpanContext spanContext(String value) {
        return Span.fromContext(W3C.extract(Context.root(), value, ONLY_VALUE)).getSpanContext();
    }

    @Override
    public String toString() {
        return value;
    }
}
