package org.newsdesk.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.converter.MessageConversionException;

/** What a dead letter says went wrong, whichever kind of listener failed. */
class DeadLetterFailureTests {

    @Test
    void aBatchListenersRecordIsParkedWithItsOwnFailureAsARecordListenersWouldBe() {
        // Given a batch listener that named its fourth record, which it could not convert
        MessageConversionException own = new MessageConversionException("No handler for TipDecided");
        ListenerExecutionFailedException thrown = new ListenerExecutionFailedException(
                "Listener failed", "moderation", new BatchListenerFailedException("record 3", own, 3));

        // When the dead letter's failure is taken from it
        Exception named = NewsdeskKafkaAutoConfiguration.recordFailure(thrown);

        // Then it is the listener's failure with the record's own cause, the group kept
        assertThat(named).isInstanceOf(ListenerExecutionFailedException.class).hasCause(own);
        assertThat(((ListenerExecutionFailedException) named).getGroupId()).isEqualTo("moderation");
        assertThat(NewsdeskKafkaAutoConfiguration.recordFailure(new BatchListenerFailedException("record 0", own, 0)))
                .isSameAs(own);
    }

    @Test
    void aRecordListenersFailureIsLeftAsItIs() {
        ListenerExecutionFailedException thrown =
                new ListenerExecutionFailedException("Listener failed", "moderation", new IllegalStateException());

        assertThat(NewsdeskKafkaAutoConfiguration.recordFailure(thrown)).isSameAs(thrown);
    }
}
