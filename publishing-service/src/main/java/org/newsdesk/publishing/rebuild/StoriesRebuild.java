package org.newsdesk.publishing.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
import org.newsdesk.publishing.story.StorySlugs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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

    /**
     * Stories stored, and then indexed, together: a day's posting document of a common word is
     * rewritten once per batch rather than once per story (one story at a time, a rebuild of 2,000
     * stories took 100 s).
     */
    private static final int BATCH = 500;

    /** Stories stored at the same time: enough to keep the store's two cores busy while one waits. */
    private static final int CONCURRENT_STORIES = 16;

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
        List<StoryCorrected> corrections = new ArrayList<>();
        List<StoryRetracted> retractions = new ArrayList<>();
        replay.replay(Topics.TIPS_DECIDED, NewsdeskEvent.class, event -> {
            if (event instanceof TipDecided decided && publishable(decided)) {
                approvals
                        .computeIfAbsent(decided.tipId(), id -> new ArrayList<>())
                        .add(decided);
            } else if (event instanceof StoryCorrected corrected) {
                corrections.add(corrected);
            } else if (event instanceof StoryRetracted retracted) {
                retractions.add(retracted);
            }
        });
        // Corrections and retractions are kept first and applied as each story is stored, as when
        // one arrives before its story: by event id and revision, so the order read changes nothing.
        corrections.forEach(corrected -> stories.correct(corrected).block(WRITE_TIMEOUT));
        retractions.forEach(retracted -> stories.retract(retracted).block(WRITE_TIMEOUT));
        List<List<TipDecided>> byFirstDecision = new ArrayList<>(approvals.values());
        byFirstDecision.forEach(decisions -> decisions.sort(Comparator.comparingLong(NewsdeskEvent::revision)));
        byFirstDecision.sort(Comparator.<List<TipDecided>, Instant>comparing(
                        decisions -> decisions.get(0).decidedAt())
                .thenComparing(decisions -> decisions.get(0).tipId()));

        int alreadyAnnounced = 0;
        for (int from = 0; from < byFirstDecision.size(); from += BATCH) {
            List<List<TipDecided>> batch =
                    byFirstDecision.subList(from, Math.min(from + BATCH, byFirstDecision.size()));
            List<Rebuilt> rebuilt = storeAll(batch, announced);
            stories.index(rebuilt.stream().map(Rebuilt::story).toList()).block(WRITE_TIMEOUT);
            alreadyAnnounced +=
                    (int) rebuilt.stream().filter(Rebuilt::announcedAlready).count();
        }
        return byFirstDecision.size() + " stories, " + alreadyAnnounced + " of them announced already; "
                + (byFirstDecision.size() - alreadyAnnounced) + " announcement(s) left for the next start; "
                + corrections.size() + " correction(s), " + retractions.size() + " retraction(s)";
    }

    private static boolean publishable(TipDecided decided) {
        return decided.outcome() == TipDecided.Outcome.APPROVED && decided.headline() != null && decided.body() != null;
    }

    /** A story as the rebuild left it, and whether the log already announces its newest revision. */
    private record Rebuilt(Story story, boolean announcedAlready) {}

    /**
     * Stores a batch of stories, several at a time, and answers them in the batch's order. Stories
     * whose headlines share a slug are stored one after another in that order, so the one decided
     * first takes the first free slug, as it did in every rebuild before; the others have nothing
     * to share. Each story's own writes wait for one another on a thread of the bounded elastic
     * pool, which is where blocking belongs.
     */
    private List<Rebuilt> storeAll(List<List<TipDecided>> batch, Map<String, StoryPublished> announced) {
        Map<String, List<List<TipDecided>>> bySlug = new LinkedHashMap<>();
        batch.forEach(decisions -> bySlug.computeIfAbsent(
                        StorySlugs.of(decisions.get(0).headline()), slug -> new ArrayList<>())
                .add(decisions));
        Map<String, Rebuilt> byTip = Flux.fromIterable(bySlug.values())
                .flatMap(
                        sharingASlug -> Flux.fromIterable(sharingASlug)
                                .concatMap(decisions -> Mono.fromCallable(() -> store(
                                                decisions,
                                                announced.get(decisions.get(0).tipId())))
                                        .subscribeOn(Schedulers.boundedElastic())),
                        CONCURRENT_STORIES)
                .collectMap(rebuilt -> rebuilt.story().id())
                .block(WRITE_TIMEOUT.multipliedBy(batch.size()));
        return batch.stream()
                .map(decisions -> byTip.get(decisions.get(0).tipId()))
                .toList();
    }

    private Rebuilt store(List<TipDecided> decisions, @Nullable StoryPublished logged) {
        String tipId = decisions.get(0).tipId();
        Story story = null;
        for (TipDecided decided : decisions) {
            // The photos are copied again from the shared media store, as when first published.
            List<PublishedPhoto> photos =
                    photoCopies.copy(tipId, decided.photos(), story == null ? List.of() : story.photos());
            story = stories.storeUnindexed(
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
        if (logged == null) {
            return new Rebuilt(story, false);
        }
        storyOutbox.forget(tipId, logged.revision()).block(WRITE_TIMEOUT);
        return new Rebuilt(story, logged.revision() >= story.revision());
    }

    private static void latest(Map<String, StoryPublished> announced, StoryPublished published) {
        announced.merge(published.tipId(), published, (held, next) -> next.revision() > held.revision() ? next : held);
    }
}
