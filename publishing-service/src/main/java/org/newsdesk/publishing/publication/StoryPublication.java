package org.newsdesk.publishing.publication;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.messaging.UnprocessableEventException;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.messaging.tracing.TraceParent;
import org.newsdesk.publishing.PublishingProperties;
import org.newsdesk.publishing.photo.PhotoCopies;
import org.newsdesk.publishing.story.PublishedPhoto;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a moderator's decision into a published story and tells the other services about it, and
 * applies the editors' corrections and retractions to it.
 *
 * <p>One write per story, safe to repeat: the story and its {@code StoryPublished} are stored
 * together (a no-op for a decision the story already reflects), and the outbox relay sends the
 * announcement. Stories decided together share one write of the search index.
 *
 * <p>Runs on Kafka listener threads, which may block on MongoDB and Kafka; it is never called
 * from the web server's event loop.
 */
@Component
class StoryPublication {

    private static final Logger log = LoggerFactory.getLogger(StoryPublication.class);

    private final StoryRepository stories;
    private final Outbox outbox;
    private final PublishingProperties properties;

    private final PhotoCopies photoCopies;
    private final Timer publicationDelay;
    private final Clock clock;

    StoryPublication(
            StoryRepository stories,
            Outbox storyOutbox,
            PublishingProperties properties,
            PhotoCopies photoCopies,
            MeterRegistry meters) {
        this.stories = stories;
        this.outbox = storyOutbox;
        this.properties = properties;
        this.photoCopies = photoCopies;
        this.clock = Clock.systemUTC();
        this.publicationDelay = Timer.builder("newsdesk.stories.publication.delay")
                .description("From a moderator's approval to its story stored, ready for readers")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(meters);
    }

    /**
     * The story a decision makes, its photos copied; null for a decision that publishes nothing.
     * A decision the story already reflects changes nothing when stored, and copies no photo
     * again; nor does one for a withdrawn story, which no decision brings back.
     *
     * @param trace the trace the decision arrived in, which the story's announcement continues
     */
    @Nullable
    StoryDraft draft(TipDecided decision, @Nullable TraceParent trace) {
        UnprocessableEventException.requireSchemaVersion(decision, TipDecided.SCHEMA_VERSION);
        if (!decision.outcome().publishes()) {
            log.debug("Tip {} was {}: nothing to publish", decision.tipId(), decision.outcome());
            return null;
        }
        if (isBlank(decision.headline()) || isBlank(decision.body())) {
            throw new UnprocessableEventException(
                    "Approved TipDecided for tip " + decision.tipId() + " lacks a headline or a body");
        }
        Story existing = stories.findById(decision.tipId())
                .timeout(properties.storeTimeout())
                .block();
        List<PublishedPhoto> photos =
                existing != null && (existing.decisionRevision() >= decision.revision() || existing.retracted())
                        ? existing.photos()
                        : photoCopies.copy(
                                decision.tipId(), decision.photos(), existing == null ? List.of() : existing.photos());
        return new StoryDraft(
                decision.tipId(),
                decision.headline(),
                decision.body(),
                decision.area(),
                decision.category(),
                decision.decidedAt(),
                decision.revision(),
                photos,
                decision.submittedAt(),
                trace);
    }

    /**
     * Stores the stories of decisions that came together, in one index write
     * ({@link StoryRepository#store(List)}), each with its announcement: the offsets may be
     * committed once this returns, and the relay sends them.
     */
    void publish(List<StoryDraft> drafts) {
        if (drafts.isEmpty()) {
            return;
        }
        List<Story> published =
                stories.store(drafts).timeout(properties.storeTimeout()).block();
        Instant stored = clock.instant();
        Map<String, TraceParent> traces = new HashMap<>();
        drafts.forEach(draft -> traces.put(draft.tipId(), draft.trace()));
        for (Story story : published) {
            // The line in its decision's trace: the batch as a whole belongs to none.
            try (Scope inDecisionsTrace = TraceParent.current(traces.get(story.id()))) {
                log.info("Tip {} is story {} (revision {})", story.id(), story.slug(), story.revision());
            }
            // Timed from its approval (publishedAt); a redelivered decision counts again, as late as it came.
            publicationDelay.record(Duration.between(story.publishedAt(), stored));
            outbox.relayInBackground(story.id());
        }
    }

    /**
     * Keeps the correction and applies it to its story; one read before its story waits for it.
     * Applied once however often it is read: its event id and revision decide.
     */
    void correct(StoryCorrected corrected) {
        UnprocessableEventException.requireSchemaVersion(corrected, StoryCorrected.SCHEMA_VERSION);
        Story story =
                stories.correct(corrected).timeout(properties.storeTimeout()).block();
        if (story == null) {
            log.info("Correction of tip {} kept until its story arrives", corrected.tipId());
            return;
        }
        log.info("Story {} corrected (revision {})", story.slug(), story.revision());
        outbox.relayInBackground(story.id());
    }

    /** Withdraws the story for good; one read before its story keeps the story from ever showing. */
    void retract(StoryRetracted retracted) {
        UnprocessableEventException.requireSchemaVersion(retracted, StoryRetracted.SCHEMA_VERSION);
        Story story =
                stories.retract(retracted).timeout(properties.storeTimeout()).block();
        if (story == null) {
            log.info("Retraction of tip {} kept until its story arrives", retracted.tipId());
            return;
        }
        log.info("Story {} withdrawn", story.slug());
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
