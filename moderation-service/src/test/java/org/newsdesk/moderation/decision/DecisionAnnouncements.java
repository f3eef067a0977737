package org.newsdesk.moderation.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.testsupport.KafkaTopicProbe;
import tools.jackson.databind.json.JsonMapper;

/** What the topic says about how often a tip was decided. */
final class DecisionAnnouncements {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DecisionAnnouncements() {}

    /**
     * Checks that the topic holds exactly one decision on the tip, and returns its first copy. A
     * copy is by design no second decision: when Kafka acknowledges slower than the outbox's grace
     * period, the relay re-sends the stored decision under its original event id, and consumers
     * ignore the repeat. A second decision would carry an event id of its own.
     */
    static ConsumerRecord<String, String> onlyDecision(KafkaTopicProbe probe, String tipId) {
        List<ConsumerRecord<String, String>> announced = probe.records(Topics.TIPS_DECIDED, tipId);
        List<UUID> eventIds = announced.stream()
                .map(record -> JSON.readValue(record.value(), TipDecided.class).eventId())
                .distinct()
                .toList();
        assertThat(eventIds).as("decisions announced for tip %s", tipId).hasSize(1);
        return announced.get(0);
    }
}
