package org.newsdesk.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.messaging.converter.MessageConversionException;

/**
 * What a batch listener throws for a record that no retry can help, as a record listener's
 * conversion would have: the shared error handler parks both at once on the dead-letter topic
 * (a record listener never sees them, the container refuses them before it).
 */
public final class RecordFailures {

    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(RecordFailures.class);

    private RecordFailures() {}

    /**
     * A record without a value: its bytes could not be read as an event (the deserializer's own
     * failure, kept in a header, says why), or it had none.
     */
    public static RuntimeException unreadable(ConsumerRecord<?, ?> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        return failure != null
                ? failure
                : new MessageConversionException("A record without a value on " + record.topic());
    }

    /** An event of a type this listener was never told of, refused as a message it cannot convert. */
    public static RuntimeException noHandler(Object event, String topic) {
        return new MessageConversionException(
                "No handler for " + event.getClass().getSimpleName() + " on " + topic);
    }
}
