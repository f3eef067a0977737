package org.newsdesk.publishing.copies;

import java.time.Duration;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.publishing.story.StoryWritten;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refreshes this instance's copies after the story events another instance of publishing applied.
 *
 * <p>The story listeners share one consumer group ({@code publishing-service}), so each event is
 * applied by one instance only, and only that one hears its own write ({@link StoryChanges}). This
 * listener reads the same topic in a group of its own per instance (a random name, from the latest
 * offset: the copies start empty), so every instance hears every event. It may hear an event
 * before the instance applying it has written it, so it waits until the shared store shows the
 * event in the story and its search index (two reads by id every {@link #WAIT_STEP}), then drops the copies the event changed. If the
 * store does not show it within {@link #MAX_WAIT} (that instance is down or behind), it drops them
 * anyway; a copy rendered before the write lands lives at most {@link RenderedCopies#MAX_AGE}.
 *
 * <p>Refreshing copies is nothing to dead-letter: a record it cannot use is skipped (logged), as
 * is a type it does not know, which the story listeners dead-letter once already.
 */
@Component
@KafkaListener(
        topics = Topics.TIPS_DECIDED,
        groupId = "publishing-copies-#{T(java.util.UUID).randomUUID()}",
        containerFactory = OtherInstancesStoryEvents.LISTENERS,
        properties = "auto.offset.reset=latest")
class OtherInstancesStoryEvents {

    static final String LISTENERS = "copiesRefreshListeners";

    /** How often the store is asked whether the event is written: a reader sees it at most this much later. */
    static final Duration WAIT_STEP = Duration.ofMillis(50);

    /** Longer than an event's write takes under load; shorter than holding the next events back for long. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(OtherInstancesStoryEvents.class);

    private final StoryRepository stories;
    private final RenderedCopies copies;
    private final PublishingProperties properties;

    OtherInstancesStoryEvents(StoryRepository stories, RenderedCopies copies, PublishingProperties properties) {
        this.stories = stories;
        this.copies = copies;
        this.properties = properties;
    }

    @KafkaHandler
    void on(TipDecided decided) {
        if (decided.outcome().publishes()) {
            afterStored(
                    decided.tipId(),
                    story -> story.decisionRevision() >= decided.revision() || story.retracted(),
                    StoryWritten.Act.DECIDED);
        }
    }

    @KafkaHandler
    void on(StoryCorrected corrected) {
        afterStored(
                corrected.tipId(),
                story -> story.corrections().containsKey(corrected.eventId().toString()),
                StoryWritten.Act.CORRECTED);
    }

    @KafkaHandler
    void on(StoryRetracted retracted) {
        afterStored(retracted.tipId(), Story::retracted, StoryWritten.Act.RETRACTED);
    }

    /** Another type: the story listeners refuse it; no page shows anything of it. */
    @KafkaHandler(isDefault = true)
    void unknown(NewsdeskEvent other) {
        log.debug("No copies show a {}", other.getClass().getSimpleName());
    }

    private void afterStored(String tipId, Predicate<Story> written, StoryWritten.Act act) {
        long attempts = MAX_WAIT.toMillis() / WAIT_STEP.toMillis();
        @Nullable
        // Indexed too: a search rendered between the story's write and its index's would be kept stale.
        Story story = stories.findIndexed(tipId)
                .filter(written)
                .repeatWhenEmpty(empty -> empty.take(attempts).delayElements(WAIT_STEP))
                .switchIfEmpty(Mono.defer(() -> stories.findById(tipId)))
                .block(MAX_WAIT.plus(properties.storeTimeout()));
        copies.refresh(StoryChanges.of(story, act), "event");
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        /** Boot's settings (and its switch that keeps listeners off in a rebuild), without dead letters. */
        @Bean(LISTENERS)
        ConcurrentKafkaListenerContainerFactory<Object, Object> copiesRefreshListeners(
                ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
                ConsumerFactory<Object, Object> consumers) {
            ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                    new ConcurrentKafkaListenerContainerFactory<>();
            configurer.configure(factory, consumers);
            factory.setCommonErrorHandler(new Skipping());
            return factory;
        }
    }

    /** Skips what fails, naming the failure by its type only (a message may quote a resident). */
    static final class Skipping implements CommonErrorHandler {

        @Override
        public boolean handleOne(
                Exception thrown,
                ConsumerRecord<?, ?> record,
                Consumer<?, ?> consumer,
                MessageListenerContainer container) {
            log.warn(
                    "Copies not refreshed after {}-{}@{}: {}; they expire within {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    thrown.getClass().getSimpleName(),
                    RenderedCopies.MAX_AGE);
            return true;
        }

        @Override
        public void handleOtherException(
                Exception thrown, Consumer<?, ?> consumer, MessageListenerContainer container, boolean batchListener) {
            log.warn("Copies' refresh listener: {}", thrown.getClass().getSimpleName());
        }
    }
}
