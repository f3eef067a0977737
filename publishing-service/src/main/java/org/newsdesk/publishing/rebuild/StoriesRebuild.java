package org.newsdesk.publishing.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.messaging.rebuild.ReadModelRebuild;
import org.newsdesk.messaging.rebuild.RebuildMode;
import org.newsdesk.messaging.rebuild.TopicReplay;
import org.newsdesk.publishing.photo.PhotoCopies;
import org.newsdesk.publishing.story.PublishedPhoto;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the stories from the log into an empty database ({@code --newsdesk.rebuild=true}).
 *
 * <p>Same content as before, whatever order partitions are read in: every story keeps the slug the
 * log says it was published under (its {@code StoryPublished}), each tip's decisions are applied
 * in revision order, and tips are taken in the order they were first decided (then by tip id), so
 * a story that was never announced gets the same slug in every rebuild too. Corrections and
 * retractions are kept before the stories are stored and applied to each as it is (newest
 * revision's text, every note once, a retraction for good), which ends where reading them live
 * ended. Nothing is announced
 * twice: an announcement the log already holds is dropped from the rebuilt story's outbox, and
 * only those that never got out are left for the relay of the next normal start.
 */
@Component
@ConditionalOnBooleanProperty(RebuildMode.PROPERTY)
class StoriesRebuild extends ReadModelRebuild {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final TopicReplay replay;
    private final StoryRepository stories;
    private final Outbox storyOutbox;

    private final PhotoCopies photoCopies;

    StoriesRebuild(
            ReactiveMongoOperations mongo,
            ConfigurableApplicationContext context,
            TopicReplay replay,
            StoryRepository stories,
            Outbox storyOutbox,
            PhotoCopies photoCopies) {
        super(mongo, context);
        this.replay = replay;
        this.stories = stories;
        this.storyOutbox = storyOutbox;
        this.photoCopies = photoCopies;
    }

    @Override
    protected List<String> collections() {
        List<String> collections = new ArrayList<>(stories.collections());
        collections.addAll(PhotoCopies.collections());
        return collections;
    }

    @Override
    protected String rebuild() {
        Map<String, StoryPublished> announced = new HashMap<>();
        replay.replay(Topics.STORIES_PUBLISHED, StoryPublished.class, published -> latest(announced, published));
        Map<String, List<TipDecided>> approvals = new LinkedHashMap<>();
        replay.replay(Topics.TIPS_DECIDED, TipDecided.class, decided -> {
            if (decided.outcome() == TipDecided.Outcome.APPROVED
                    && decided.headline() != null
                    && decided.body() != null) {
                approvals
                        .computeIfAbsent(decided.tipId(), id -> new ArrayList<>())
                        .add(decided);
            }
        });
        // Corrections and retractions are kept first and applied as each story is stored, as when
        // one arrives before its story: by event id and revision, so the order read changes nothing.
        long corrections = replay.replay(
                Topics.TIPS_DECIDED,
                StoryCorrected.class,
                corrected -> stories.correct(corrected).block(WRITE_TIMEOUT));
        long retractions = replay.replay(
                Topics.TIPS_DECIDED,
                StoryRetracted.class,
                retracted -> stories.retract(retracted).block(WRITE_TIMEOUT));
        List<List<TipDecided>> byFirstDecision = new ArrayList<>(approvals.values());
        byFirstDecision.forEach(decisions -> decisions.sort(Comparator.comparingLong(NewsdeskEvent::revision)));
        byFirstDecision.sort(Comparator.<List<TipDecided>, Instant>comparing(
                        decisions -> decisions.get(0).decidedAt())
                .thenComparing(decisions -> decisions.get(0).tipId()));

        int alreadyAnnounced = 0;
        for (List<TipDecided> decisions : byFirstDecision) {
            String tipId = decisions.get(0).tipId();
            StoryPublished logged = announced.get(tipId);
            Story story = null;
            for (TipDecided decided : decisions) {
                // The photos are copied again from the shared media store, as when first published.
                List<PublishedPhoto> photos =
                        photoCopies.copy(tipId, decided.photos(), story == null ? List.of() : story.photos());
                story = stories.store(
                                new StoryDraft(
                                        tipId,
                                        decided.headline(),
                                        decided.body(),
                                        decided.area(),
                                        decided.category(),
                                        decided.decidedAt(),
                                        decided.revision(),
                                        photos,
                                        decided.submittedAt()),
                                logged == null ? null : logged.slug())
                        .block(WRITE_TIMEOUT);
            }
            if (logged != null) {
                storyOutbox.forget(tipId, logged.revision()).block(WRITE_TIMEOUT);
                if (logged.revision() >= story.revision()) {
                    alreadyAnnounced++;
                }
            }
        }
        return byFirstDecision.size() + " stories, " + alreadyAnnounced + " of them announced already; "
                + (byFirstDecision.size() - alreadyAnnounced) + " announcement(s) left for the next start; "
                + corrections + " correction(s), " + retractions + " retraction(s)";
    }

    private static void latest(Map<String, StoryPublished> announced, StoryPublished published) {
        announced.merge(published.tipId(), published, (held, next) -> next.revision() > held.revision() ? next : held);
    }
}
