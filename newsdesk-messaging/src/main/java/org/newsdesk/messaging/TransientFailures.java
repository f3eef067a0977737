package org.newsdesk.messaging;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
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
public final class TransientFailures {

    /**
     * Looked for anywhere in the cause chain, because the outage usually arrives wrapped: in a
     * {@code KafkaException} around the producer's timeout, in Spring's listener exceptions, or
     * in the exception Reactor's {@code block()} throws.
     *
     * <p>{@link TimeoutException} is what makes a listener's own wait recognisable. Listeners wait
     * with {@code timeout(d).block()}, which throws Reactor's wrapper around a
     * {@code TimeoutException}; {@code block(Duration)} would throw an {@code IllegalStateException}
     * (with the same cause), a class that bugs throw too. That matters beyond this check: Spring
     * Kafka picks a record's back-off again only when its failure changes class, so a timeout must
     * not share a class with a bug, or an outage after a bug would still park the event, and a bug
     * after an outage would block the partition. {@code TransientFailuresTests} waits on real
     * Monos, so a Reactor that stops making the timeout the cause fails the build.
     *
     * <p>Spring files {@link DataAccessResourceFailureException} under non-transient (the same
     * call repeated at once fails again), but it is what Spring Data makes of a MongoDB it cannot
     * reach, and that passes when MongoDB is back: exactly what a waiting retry is for.
     */
    private static final List<Class<? extends Throwable>> OUTAGES = List.of(
            TransientDataAccessException.class, // Spring Data: a query timeout, a failover
            DataAccessResourceFailureException.class, // Spring Data: MongoDB unreachable
            // The driver's own, where Spring Data wraps them as uncategorized: a socket cut or timed
            // out, no server selected in time, or the pool cleared under a request when the driver
            // found the server gone (a store frozen and resumed answers its waiting requests so).
            MongoSocketException.class,
            MongoTimeoutException.class,
            MongoConnectionPoolClearedException.class,
            RetriableException.class, // Kafka: broker unavailable, its own TimeoutException
            TimeoutException.class); // Reactor's timeout() and block(Duration)

    private TransientFailures() {}

    public static boolean isTransient(Throwable failure) {
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
