package org.newsdesk.messaging.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs work as the continuation of a stored trace, whatever else this thread was doing: the spans
 * it starts (a {@code KafkaTemplate} send's, say) become children of that trace's span, not of
 * the observation that happens to be current.
 *
 * <p>Both are set for the work's duration: Micrometer's current observation is cleared, since an
 * observation started under one takes it as its parent (a moderator's HTTP request, while the
 * decision belongs to the tip's trace); and OpenTelemetry's current context is the stored one,
 * which a span started without a parent observation takes as its parent.
 */
public final class TraceContinuation {

    private final ObservationRegistry observations;

    public TraceContinuation(ObservationRegistry observations) {
        this.observations = observations;
    }

    /** @param parent the trace to continue; null starts a trace of the work's own */
    public <T> T run(@Nullable TraceParent parent, Supplier<T> work) {
        Observation.Scope outer = observations.getCurrentObservationScope();
        observations.setCurrentObservationScope(null);
        Context context = parent == null ? Context.root() : parent.context();
        try (Scope continued = context.makeCurrent()) {
            return work.get();
        } finally {
            observations.setCurrentObservationScope(outer);
        }
    }
}
