package org.newsdesk.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryPhoto;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The events around a resident's tip, as tests about what the service does with them send and read them. */
public final class TipEvents {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TipEvents() {}

    /** A moderator's decision made now, declining with a reason, approving with these photos. */
    public static TipDecided decided(String tipId, TipDecided.Outcome outcome, List<StoryPhoto> photos) {
        Instant now = Instant.now();
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                now,
                tipId,
                2,
                outcome,
                "Street lights out on Derby Road",
                "Half the street lights have been out for a week.",
                "Erewash",
                "Roads",
                outcome.declines() ? "Not local news" : null,
                "moderator",
                now,
                null,
                photos,
                null,
                null);
    }

    public static void send(KafkaTemplate<Object, Object> kafka, String topic, NewsdeskEvent event) {
        try {
            kafka.send(topic, event.tipId(), event).get(10, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException("Could not send an event to " + topic, ex);
        }
    }

    /** The submitted tip with this headline, once it is on the topic. */
    public static ConsumerRecord<String, String> awaitHeadline(KafkaTopicProbe probe, String headline) {
        return await().atMost(PATIENCE)
                .until(
                        () -> probe.records(Topics.TIPS_SUBMITTED).stream()
                                .filter(record -> record.value().contains(headline))
                                .findFirst(),
                        Optional::isPresent)
                .get();
    }

    /** The tip's one event of this logical type on the submitted topic, once it is there; fails if there are more. */
    public static JsonNode awaitOne(KafkaTopicProbe probe, String tipId, String type) {
        List<ConsumerRecord<String, String>> ofType = await().atMost(PATIENCE)
                .until(
                        () -> probe.records(Topics.TIPS_SUBMITTED, tipId).stream()
                                .filter(record -> type.equals(new String(
                                        record.headers()
                                                .lastHeader("__TypeId__")
                                                .value(),
                                        StandardCharsets.UTF_8)))
                                .toList(),
                        records -> !records.isEmpty());
        assertThat(ofType).hasSize(1);
        return JSON.readTree(ofType.get(0).value());
    }
}
