package org.newsdesk.messaging;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Recognises a listener failure caused by an outage of what the listener depends on (MongoDB,
 * Kafka) rather than by the message or by our code. Such a failure says nothing about the
 * message: the same message succeeds once the outage is over, so it must wait for that instead
 * of being parked on a dead-letter topic as if it were poison.
 */
final class TransientFailures {

    /**
     * Looked for anywhere in the cause chain, because the outage usually arrives wrapped: in a
     * {@code KafkaException} around the producer's timeout, in Spring's listener exceptions, or
     * in the {@code IllegalStateException} of Reactor's {@code block(Duration)}.
     *
     * <p>{@link TimeoutException} is what makes that last one recognisable. A listener that gives
     * up waiting for MongoDB or Kafka with {@code block(timeout)} gets an
     * {@code IllegalStateException("Timeout on blocking read for ...")}, too general a type to
     * call transient and a message too brittle to match; but Reactor makes a
     * {@code TimeoutException} its cause, and a timeout is what an outage looks like to a caller.
     * {@code TransientFailuresTests} blocks on a real Mono, so a Reactor that stops doing this
     * fails the build instead of parking valid events.
     *
     * <p>Spring files {@link DataAccessResourceFailureException} under non-transient (the same
     * call repeated at once fails again), but it is what Spring Data makes of a MongoDB it cannot
     * reach, and that passes when MongoDB is back: exactly what a waiting retry is for.
     */
    private static final List<Class<? extends Throwable>> OUTAGES = List.of(
            TransientDataAccessException.class,       // Spring Data: a query timeout, a failover
            DataAccessResourceFailureException.class, // Spring Data: MongoDB unreachable
            RetriableException.class,                 // Kafka: broker unavailable, its own TimeoutException
            TimeoutException.class);                  // Reactor's timeout() and block(Duration)

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            for (Class<? extends Throwable> outage : OUTAGES) {
                if (outage.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }
}
