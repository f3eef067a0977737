package org.newsdesk.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.LoggingProducerListener;

/**
 * Log lines name a record by where it is (topic, partition, offset, key), never by what it says:
 * a tip's value carries the resident's name, email and phone. Three places would print values:
 * <ul>
 * <li>Spring Kafka's own lines (retries, dead letters, the template's debug and trace lines)
 * format records with {@link KafkaUtils#format}, which by default prints a
 * {@code ProducerRecord} with its value;
 * <li>Boot's {@link LoggingProducerListener} logs a failed send with the start of its value;
 * <li>a failure's message may quote the value: Jackson quotes the token it choked on, Spring
 * Messaging prints the whole payload it could not convert. Our own lines therefore give the
 * failure's type only; the dead-letter record keeps the message in its headers, beside the value.
 * </ul>
 */
public final class RecordMetadataLogging implements BeanPostProcessor {

    /**
     * The formatters are static, so every service in one JVM shares them (the embedded launcher
     * runs three); they all set the same ones.
     */
    RecordMetadataLogging() {
        KafkaUtils.setConsumerRecordFormatter(RecordMetadataLogging::describe);
        KafkaUtils.setProducerRecordFormatter(RecordMetadataLogging::describe);
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof LoggingProducerListener<?, ?> listener) {
            listener.setIncludeContents(false);
        }
        return bean;
    }

    static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " (key " + record.key() + ")";
    }

    static String describe(ProducerRecord<?, ?> record) {
        return record.topic() + (record.partition() == null ? "" : "-" + record.partition()) + " (key " + record.key()
                + ")";
    }

    /** What went wrong, as far as a log may say it: the type of the failure, not its message. */
    public static String describe(Throwable failure) {
        return NestedExceptionUtils.getMostSpecificCause(failure).getClass().getName();
    }
}
