package org.newsdesk.publishing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.Topics;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.mapping.AbstractJavaTypeMapper;

/**
 * Sends decisions the way the moderation service would, with the service's own conventions, or
 * as raw bytes.
 *
 * <p>Everything is sent to one partition of {@code newsdesk.tips.decided}. The service handles a
 * partition strictly in order, so once the story of a later message shows up, every message sent
 * before it was handled completely: a test can prove that something did NOT happen without
 * waiting an arbitrary time.
 */
public final class DecisionPartition {

    private static final int PARTITION = 0;

    private final KafkaOperations<Object, Object> kafka;
    private final KafkaTopicProbe topics;

    public DecisionPartition(KafkaOperations<Object, Object> kafka, KafkaTopicProbe topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** A decision, a correction or a retraction: everything editorial about a tip travels here. */
    public void send(NewsdeskEvent decision) {
        ProducerRecord<Object, Object> record =
                new ProducerRecord<>(Topics.TIPS_DECIDED, PARTITION, decision.tipId(), decision);
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send " + record, e);
        }
    }

    /** Sends bytes as they are, with the type header only when one is given. */
    public void sendRaw(String key, byte[] value, String typeHeader) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TIPS_DECIDED, PARTITION, key, value);
        if (typeHeader != null) {
            record.headers()
                    .add(
                            AbstractJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME,
                            typeHeader.getBytes(StandardCharsets.UTF_8));
        }
        topics.sendRaw(record);
    }
}
