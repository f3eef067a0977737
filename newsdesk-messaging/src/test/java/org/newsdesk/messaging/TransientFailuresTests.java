package org.newsdesk.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import reactor.core.publisher.Mono;

class TransientFailuresTests {

    @Test
    void anUnreachableMongoDbIsAnOutage() {
        // Given what Spring Data makes of a MongoDB it cannot reach, as a listener container reports it
        Exception failure = new ListenerExecutionFailedException(
                "Listener failed", new DataAccessResourceFailureException("Timed out while waiting for a server"));

        // Then waiting is the cure
        assertThat(TransientFailures.isTransient(failure)).isTrue();
        assertThat(TransientFailures.isTransient(new QueryTimeoutException("Operation exceeded time limit")))
                .isTrue();
    }

    /**
     * What a request got when its store froze and resumed, seen in the embedded run: the driver
     * cleared its pool under the waiting request, and Spring Data called that uncategorized.
     */
    @Test
    void aStoreThatCutTheDriversConnectionsIsAnOutage() {
        ServerAddress store = new ServerAddress("127.0.0.1", 27017);
        Exception failure = new UncategorizedMongoDbException(
                "Connection pool was cleared",
                new MongoConnectionPoolClearedException(
                        new ServerId(new ClusterId(), store),
                        new MongoSocketReadException("Prematurely reached end of stream", store)));

        assertThat(TransientFailures.isTransient(failure)).isTrue();
        assertThat(TransientFailures.isTransient(new MongoTimeoutException("Timed out while waiting for a server")))
                .isTrue();
    }

    @Test
    void aBrokerThatDoesNotAnswerIsAnOutage() {
        // Given a send Kafka gave up on, wrapped the way KafkaTemplate reports it
        Exception failure = new KafkaProducerException(
                new ProducerRecord<>("newsdesk.stories.published", "tip", "story"),
                "Failed to send",
                new TimeoutException("Topic not present in metadata after 5000 ms."));

        // Then waiting is the cure, for this and every other failure Kafka itself calls retriable
        assertThat(TransientFailures.isTransient(failure)).isTrue();
        assertThat(TransientFailures.isTransient(new NotEnoughReplicasException("1 of 3 in sync")))
                .isTrue();
    }

    @Test
    void aListenerThatGaveUpWaitingInBlockIsAnOutage() {
        // Given the exception a real Reactor throws when block(timeout) runs out
        Throwable failure = catchThrowable(() -> Mono.never().block(Duration.ofMillis(1)));

        // Then it is recognised, although it is only an IllegalStateException on the surface
        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Timeout on blocking read");
        assertThat(TransientFailures.isTransient(failure)).isTrue();
    }

    @Test
    void aListenerThatGaveUpWaitingWithTimeoutIsAnOutage() {
        // Given the exception Reactor's timeout operator ends a blocking read with
        Throwable failure =
                catchThrowable(() -> Mono.never().timeout(Duration.ofMillis(1)).block());

        // Then it is recognised, even wrapped in Reactor's unchecked wrapper, and its type is not
        // one a bug throws, so the error handler can tell an outage after a bug from the bug
        assertThat(TransientFailures.isTransient(failure)).isTrue();
        assertThat(failure)
                .isNotInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    }

    @Test
    void bugsAndPoisonAreNotOutages() {
        // Given failures that would be the same on every attempt, then
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException(
                        "Listener failed", new IllegalStateException("No story for tip"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientFailures.isTransient(new UnprocessableEventException("Schema version 9")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new DuplicateKeyException("E11000 duplicate key")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new RecordTooLargeException("Too large")))
                .isFalse();
        assertThat(TransientFailures.isTransient(null)).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEndsTheSearch() {
        // Given two exceptions that name each other as their cause
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);

        // Then the search ends, and finds no outage
        assertThat(TransientFailures.isTransient(first)).isFalse();
    }
}
