package org.newsdesk.publishing.story;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.StoryRetracted;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.messaging.tracing.TraceParent;
import org.newsdesk.publishing.PublishingProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The published stories in MongoDB. Every write is keyed by the tip id and changes nothing when
 * repeated, which is what lets a Kafka consumer redeliver, and a later rebuild replay, decisions
 * freely. Lists and searches are answered by the {@link StorySearch}, whose positions are read
 * back here by {@code _id}.
 */
@Repository
public class StoryRepository {

    public static final String COLLECTION = "stories";

    private static final String REVISION = "revision";
    private static final String AMENDED_CORRECTIONS = "corrections";
    private static final String AMENDED_RETRACTION = "retraction";

    /** The most stories one read of the search returns; longer lists are read a page at a time. */
    private static final int LARGEST_PAGE = 500;

    private final ReactiveMongoOperations mongo;
    private final PublishingProperties properties;
    private final StorySearch search;
    private final SlugAllocation slugs;
    private final CorrectionNotices notices;
    private final ApplicationEventPublisher events;

    StoryRepository(
            ReactiveMongoOperations mongo,
            PublishingProperties properties,
            StorySearch search,
            SlugAllocation slugs,
            CorrectionNotices notices,
            ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.events = events;
        this.properties = properties;
        this.search = search;
        this.slugs = slugs;
        this.notices = notices;
    }

    /** Every collection of the read model: the stories and their search's, for the rebuild command. */
    public List<String> collections() {
        List<String> collections =
                new ArrayList<>(List.of(COLLECTION, StoryAmendments.COLLECTION, CorrectionNotices.COLLECTION));
        collections.addAll(search.collections());
        return collections;
    }

    /**
     * Stores the story for a decision, together with its {@code StoryPublished} in the story's
     * outbox, in one write. A decision older than, or the same as, the one the story was made from
     * changes nothing, so redelivery and replay are harmless; a newer one (an edit after
     * publication) updates the text and announces the story's next revision. A new story gets the
     * first free slug among its headline's slug, {@code -2}, {@code -3}... ({@link SlugAllocation}).
     *
     * @return the story as stored
     */
    public Mono<Story> store(StoryDraft draft) {
        return store(List.of(draft)).map(stored -> stored.get(0));
    }

    /**
     * As {@link #store(StoryDraft)} for decisions that came together, in their order: each story
     * is stored in turn, then all are made findable in one write of the search index (a word they
     * share is one update, not one per story), and only then are readers' copies refreshed.
     *
     * <p>The search follows the stories in the same call, also for a story stored already: a
     * redelivery after a crash between the two writes completes it, and indexing a revision that is
     * indexed already writes nothing. The editors' corrections and retraction read before a story
     * are applied to it then. What the store holds of the drafts' tips (their stories and
     * amendments) is read once for all of them, not twice per draft.
     *
     * @return the stories as stored, one per draft
     */
    public Mono<List<Story>> store(List<StoryDraft> drafts) {
        return heldFor(drafts)
                .flatMap(held -> Flux.fromIterable(drafts)
                        .concatMap(draft -> storeStory(draft, null, held).flatMap(story -> amend(story, held)))
                        .collectList())
                .flatMap(stored -> index(stored).thenReturn(stored))
                .doOnSuccess(stored -> stored.forEach(story -> written(story, StoryWritten.Act.DECIDED)));
    }

    /**
     * As {@link #store(StoryDraft)}, but a new story takes {@code knownSlug} when it is given (the
     * address the log says the story was published under, which a rebuild must keep), and making
     * the story findable is left to {@link #index}, and no copies of pages are told: the rebuild
     * stores hundreds of stories, then indexes them at once, and has no pages.
     */
    public Mono<Story> storeUnindexed(StoryDraft draft, @Nullable String knownSlug) {
        return storeStory(draft, knownSlug, Held.UNREAD).flatMap(this::amend);
    }

    /**
     * What the store held of some tips before their drafts were stored: their stories and the
     * amendments waiting for them, by tip. Only the listener of a tip's partition writes either, one
     * record after another, so for drafts of distinct tips it stays true while they are stored in
     * turn; {@link #UNREAD} has each read when it is needed.
     */
    private record Held(boolean read, Map<String, Story> stories, Map<String, StoryAmendments> amendments) {

        static final Held UNREAD = new Held(false, Map.of(), Map.of());
    }

    /** One query per collection for all the drafts; a tip drafted twice needs its first story read back. */
    private Mono<Held> heldFor(List<StoryDraft> drafts) {
        List<String> tipIds = drafts.stream().map(StoryDraft::tipId).distinct().toList();
        if (tipIds.size() < drafts.size()) {
            return Mono.just(Held.UNREAD);
        }
        return Mono.zip(
                        mongo.find(query(where("_id").in(tipIds)), Story.class).collectMap(Story::id),
                        mongo.find(query(where("_id").in(tipIds)), StoryAmendments.class)
                                .collectMap(StoryAmendments::tipId))
                .map(found -> new Held(true, found.getT1(), found.getT2()));
    }

    /** Makes stored stories findable, many at once as well as one ({@link StorySearch#index}). */
    public Mono<Void> index(List<Story> stories) {
        return search.index(stories);
    }

    /** Tells who keeps copies of what readers see (rendered pages), once the write and its index are done. */
    private void written(@Nullable Story story, StoryWritten.Act act) {
        events.publishEvent(new StoryWritten(story, act));
    }

    /**
     * Keeps a correction, and applies it to its story when the story is here: the text becomes the
     * corrected one if the correction is newer than the text, and its note is kept once. Before
     * its story arrives, the correction waits and changes nothing readers see.
     *
     * @return the story as corrected; empty while the story is not here
     */
    public Mono<Story> correct(StoryCorrected corrected) {
        StoryAmendments.Corrected correction = new StoryAmendments.Corrected(
                corrected.revision(),
                corrected.headline(),
                corrected.body(),
                corrected.note(),
                corrected.correctedAt().truncatedTo(ChronoUnit.MILLIS));
        Update update = new Update().set(AMENDED_CORRECTIONS + "." + corrected.eventId(), correction);
        return mongo.upsert(query(where("_id").is(corrected.tipId())), update, StoryAmendments.class)
                .then(amendStored(corrected.tipId()))
                .doOnSuccess(story -> written(story, StoryWritten.Act.CORRECTED));
    }

    /**
     * Keeps a retraction, for good, and applies it to its story when the story is here: from then
     * on it is in no list, feed or search, and its page says only that it was withdrawn. The first
     * retraction read is the one kept; one read before its story keeps the story from ever showing.
     *
     * @return the story as withdrawn; empty while the story is not here
     */
    public Mono<Story> retract(StoryRetracted retracted) {
        StoryAmendments.Withdrawn retraction = new StoryAmendments.Withdrawn(
                retracted.eventId().toString(),
                retracted.revision(),
                retracted.reason(),
                retracted.retractedAt().truncatedTo(ChronoUnit.MILLIS));
        // Only where none is kept yet; where one is, the upsert's insert is refused as a duplicate.
        return mongo.upsert(
                        query(where("_id")
                                .is(retracted.tipId())
                                .and(AMENDED_RETRACTION)
                                .exists(false)),
                        new Update().set(AMENDED_RETRACTION, retraction),
                        StoryAmendments.class)
                .onErrorResume(DuplicateKeyException.class, kept -> Mono.empty())
                .then(amendStored(retracted.tipId()))
                .doOnSuccess(story -> written(story, StoryWritten.Act.RETRACTED));
    }

    private Mono<Story> amendStored(String tipId) {
        return findById(tipId)
                .flatMap(this::amend)
                .flatMap(story -> index(List.of(story)).thenReturn(story));
    }

    /**
     * Applies to the story every correction and the retraction kept for it that it does not
     * reflect yet, each counting one revision, so the story ends the same whatever order they were
     * read in. The corrections column is written first: a crash between the two writes is mended
     * by the redelivery, which finds the story not yet amended.
     */
    private Mono<Story> amend(Story story) {
        return mongo.findById(story.id(), StoryAmendments.class)
                .flatMap(amendments -> amend(story, amendments))
                .defaultIfEmpty(story);
    }

    private Mono<Story> amend(Story story, Held held) {
        if (!held.read()) {
            return amend(story);
        }
        StoryAmendments amendments = held.amendments().get(story.id());
        return amendments == null ? Mono.just(story) : amend(story, amendments);
    }

    private Mono<Story> amend(Story story, StoryAmendments amendments) {
        return noteInColumn(story, amendments).then(Mono.defer(() -> {
            Story amended = amended(story, amendments);
            return amended == story ? Mono.just(story) : writeAmended(story, amended);
        }));
    }

    private Mono<Void> noteInColumn(Story story, StoryAmendments amendments) {
        List<CorrectionNotice> notes = new ArrayList<>();
        amendments
                .corrections()
                .forEach((eventId, correction) -> notes.add(new CorrectionNotice(
                        eventId,
                        CorrectionNotice.Kind.CORRECTED,
                        story.id(),
                        story.slug(),
                        correction.headline(),
                        story.publishedAt(),
                        correction.at(),
                        correction.note())));
        if (amendments.retraction() != null) {
            StoryAmendments.Withdrawn retraction = amendments.retraction();
            notes.add(new CorrectionNotice(
                    retraction.eventId(),
                    CorrectionNotice.Kind.WITHDRAWN,
                    story.id(),
                    story.slug(),
                    story.headline(),
                    story.publishedAt(),
                    retraction.at(),
                    retraction.reason()));
        }
        return Flux.fromIterable(notes).concatMap(notices::record).then();
    }

    /** The story with what it does not reflect yet of the amendments; the same instance when nothing. */
    static Story amended(Story story, StoryAmendments amendments) {
        Map<String, Story.Correction> corrections = new HashMap<>(story.corrections());
        String headline = story.headline();
        String body = story.body();
        long textRevision = story.currentTextRevision();
        Instant updatedAt = story.lastModified();
        int applied = 0;
        List<Map.Entry<String, StoryAmendments.Corrected>> byRevision =
                new ArrayList<>(amendments.corrections().entrySet());
        byRevision.sort(Comparator.comparingLong((Map.Entry<String, StoryAmendments.Corrected> entry) ->
                        entry.getValue().revision())
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, StoryAmendments.Corrected> entry : byRevision) {
            StoryAmendments.Corrected correction = entry.getValue();
            if (corrections.containsKey(entry.getKey())) {
                continue;
            }
            corrections.put(
                    entry.getKey(), new Story.Correction(correction.at(), correction.note(), correction.revision()));
            applied++;
            if (correction.revision() > textRevision) {
                headline = correction.headline();
                body = correction.body();
                textRevision = correction.revision();
            }
            if (correction.at().isAfter(updatedAt)) {
                updatedAt = correction.at();
            }
        }
        Story.Retraction retraction = story.retraction();
        if (retraction == null && amendments.retraction() != null) {
            retraction = new Story.Retraction(
                    amendments.retraction().at(), amendments.retraction().reason());
            applied++;
        }
        if (applied == 0) {
            return story;
        }
        return new Story(
                story.id(),
                story.slug(),
                headline,
                body,
                story.area(),
                story.category(),
                story.publishedAt(),
                story.revision() + applied,
                story.decisionRevision(),
                updatedAt,
                story.photos(),
                story.originalHeadline(),
                story.originalBody(),
                textRevision,
                corrections,
                retraction,
                story.submittedAt());
    }

    /** Written only over the revision it was made from; read again and amended again when that moved. */
    private Mono<Story> writeAmended(Story existing, Story amended) {
        Update update = new Update()
                .set("headline", amended.headline())
                .set("body", amended.body())
                .set(REVISION, amended.revision())
                .set("textRevision", amended.textRevision())
                .set("updatedAt", amended.updatedAt())
                .set("corrections", amended.corrections());
        if (amended.retraction() != null) {
            update.set("retraction", amended.retraction());
        } else {
            // Other services learn of the corrected text as of any change; a withdrawn story is no
            // longer published, and the retraction on the log tells them so.
            Outbox.announce(update, Topics.STORIES_PUBLISHED, announcement(amended));
        }
        return mongo.findAndModify(
                        query(where("_id").is(existing.id()).and(REVISION).is(existing.revision())),
                        update,
                        FindAndModifyOptions.options().returnNew(true),
                        Story.class)
                .switchIfEmpty(Mono.defer(() -> findById(existing.id()).flatMap(this::amend)));
    }

    private Mono<Story> storeStory(StoryDraft draft, @Nullable String knownSlug, Held held) {
        String tipId = draft.tipId();
        Mono<Story> existingStory =
                held.read() ? Mono.justOrEmpty(held.stories().get(tipId)) : findById(tipId);
        Mono<StoryAmendments> waitingAmendments = held.read()
                ? Mono.justOrEmpty(held.amendments().get(tipId))
                : mongo.findById(tipId, StoryAmendments.class);
        return existingStory
                .flatMap(existing -> existing.decisionRevision() >= draft.decisionRevision() || existing.retracted()
                        ? Mono.just(existing)
                        // Changed meanwhile (another instance, for a moment, after a rebalance): read again.
                        : revise(existing, draft)
                                .switchIfEmpty(Mono.defer(() -> storeStory(draft, knownSlug, Held.UNREAD))))
                .switchIfEmpty(Mono.defer(() -> waitingAmendments
                        .defaultIfEmpty(new StoryAmendments(tipId, null, null))
                        .flatMap(amendments -> {
                            // A story corrected or withdrawn before it arrived is stored so at once:
                            // a withdrawn one is never seen, nor announced.
                            Function<Story, Mono<Story>> insert =
                                    story -> insertIfAbsent(amended(story, amendments), draft.trace());
                            return knownSlug != null
                                    ? insert.apply(draft.withSlug(knownSlug))
                                    : slugs.insertUnderFreeSlug(draft, insert);
                        })));
    }

    /** Empty when the story changed meanwhile: the caller reads it again. */
    private Mono<Story> revise(Story existing, StoryDraft draft) {
        // A correction newer than the decision keeps its text: the newest revision's words stand.
        boolean newerText = draft.decisionRevision() > existing.currentTextRevision();
        Story revised = new Story(
                existing.id(),
                existing.slug(),
                newerText ? draft.headline() : existing.headline(),
                newerText ? draft.body() : existing.body(),
                draft.area(),
                draft.category(),
                existing.publishedAt(),
                existing.revision() + 1,
                draft.decisionRevision(),
                draft.publishedAt().isAfter(existing.lastModified()) ? draft.publishedAt() : existing.lastModified(),
                draft.photos(),
                existing.originalHeadline(),
                existing.originalBody(),
                newerText ? draft.decisionRevision() : existing.currentTextRevision(),
                existing.corrections(),
                existing.retraction(),
                draft.submittedAt() != null ? draft.submittedAt() : existing.submittedAt());
        Update update = new Update()
                .set("headline", revised.headline())
                .set("body", revised.body())
                .set("textRevision", revised.textRevision())
                .set("area", revised.area())
                .set("category", revised.category())
                .set(REVISION, revised.revision())
                .set("decisionRevision", revised.decisionRevision())
                .set("updatedAt", revised.updatedAt())
                .set("photos", revised.photos());
        if (revised.submittedAt() != null) {
            update.set("submittedAt", revised.submittedAt());
        }
        Outbox.announce(update, Topics.STORIES_PUBLISHED, draft.trace(), announcement(revised));
        return mongo.findAndModify(
                query(where("_id").is(existing.id()).and(REVISION).is(existing.revision())),
                update,
                FindAndModifyOptions.options().returnNew(true),
                Story.class);
    }

    private static void setOnInsertIfPresent(Update update, String field, @Nullable Object value) {
        if (value != null) {
            update.setOnInsert(field, value);
        }
    }

    /**
     * An upsert that only ever inserts: {@code $setOnInsert} leaves an existing document as it is,
     * outbox included, so the write is idempotent even without the read before it. The story's
     * fields are what the mapping makes of it, so they are stored as {@link Story} reads them.
     */
    private Mono<Story> insertIfAbsent(Story story, @Nullable TraceParent trace) {
        Update update = new Update()
                .setOnInsert("slug", story.slug())
                .setOnInsert("headline", story.headline())
                .setOnInsert("body", story.body())
                .setOnInsert("publishedAt", story.publishedAt())
                .setOnInsert(REVISION, story.revision())
                .setOnInsert("decisionRevision", story.decisionRevision())
                .setOnInsert("photos", story.photos())
                .setOnInsert("textRevision", story.textRevision())
                .setOnInsert("corrections", story.corrections());
        // Left out when absent, as the mapped type leaves them out: a stored story looks the same either way.
        setOnInsertIfPresent(update, "area", story.area());
        setOnInsertIfPresent(update, "category", story.category());
        setOnInsertIfPresent(update, "updatedAt", story.updatedAt());
        setOnInsertIfPresent(update, "originalHeadline", story.originalHeadline());
        setOnInsertIfPresent(update, "originalBody", story.originalBody());
        setOnInsertIfPresent(update, "retraction", story.retraction());
        setOnInsertIfPresent(update, "submittedAt", story.submittedAt());
        if (!story.retracted()) {
            Outbox.announceOnInsert(update, Topics.STORIES_PUBLISHED, trace, announcement(story));
        }
        return mongo.upsert(query(where("_id").is(story.id())), update, Story.class)
                .flatMap(result -> result.getUpsertedId() != null ? Mono.just(story) : findById(story.id()));
    }

    /**
     * Everything in the event follows from the stored story, the event id included, so a repeated
     * send is recognisably the same event. The first revision keeps the id it had before stories
     * had revisions.
     */
    private StoryPublished announcement(Story story) {
        String name = StoryPublished.TYPE + ":" + story.id() + (story.revision() > 1 ? ":" + story.revision() : "");
        UUID eventId = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        return new StoryPublished(
                eventId,
                StoryPublished.SCHEMA_VERSION,
                story.publishedAt(),
                story.id(),
                story.revision(),
                story.slug(),
                story.headline(),
                properties.storyUrl(story.slug()),
                story.publishedAt());
    }

    public Mono<Story> findById(String id) {
        return mongo.findById(id, Story.class);
    }

    /**
     * The story once its search index shows it too: {@link #store} writes the story first and its
     * index after, so an instance that sees another's story written may not find it by search yet.
     */
    public Mono<Story> findIndexed(String id) {
        return findById(id).filterWhen(search::indexed);
    }

    public Mono<Story> findBySlug(String slug) {
        return mongo.findOne(query(where("slug").is(slug)), Story.class);
    }

    /**
     * Up to {@code size} stories, newest first, starting after {@code after} (or at the newest
     * story when it is {@code null}).
     */
    public Mono<StoryPage> page(@Nullable StoryPosition after, int size) {
        return page(StoryQuery.ALL, after, size);
    }

    /**
     * Up to {@code size} stories of the query's area and category, newest first, after
     * {@code after}; the query's words are not looked at (see {@link #search}).
     */
    public Mono<StoryPage> page(StoryQuery query, @Nullable StoryPosition after, int size) {
        requirePositive(size);
        // One more than asked for tells whether another page follows without a count.
        return search.newest(query, after, size + 1).flatMap(found -> read(found, size));
    }

    /** Up to {@code size} stories matching the query's words, best match first, after {@code after}. */
    public Mono<StoryPage> search(StoryQuery query, @Nullable SearchPosition after, int size) {
        requirePositive(size);
        return search.best(query, after, size + 1).flatMap(found -> read(found, size));
    }

    /** The stories at the first {@code size} positions found, and the cursor after them when more were found. */
    private <P extends StoryListPosition> Mono<StoryPage> read(List<P> found, int size) {
        List<P> items = found.subList(0, Math.min(size, found.size()));
        String next = found.size() > size ? items.get(size - 1).cursor() : null;
        return inOrder(items.stream().map(StoryListPosition::id).toList())
                .zipWith(notices.lastWithdrawal().map(Optional::of).defaultIfEmpty(Optional.empty()))
                .map(read -> new StoryPage(read.getT1(), next, read.getT2().orElse(null)));
    }

    /** Up to {@code max} stories, newest first, read a page at a time (for the sitemap). */
    public Flux<Story> newest(int max) {
        int size = Math.min(max, LARGEST_PAGE);
        return page(null, size)
                .expand(page -> page.next() == null ? Mono.empty() : page(StoryPosition.valueOf(page.next()), size))
                .concatMapIterable(StoryPage::items)
                .take(max);
    }

    /** When the newest withdrawal was applied; empty when no story was ever withdrawn. */
    public Mono<Instant> lastWithdrawal() {
        return notices.lastWithdrawal();
    }

    /** The areas ({@code "area"}) or categories ({@code "category"}) with stories, by key, with their names. */
    public Mono<Map<String, String>> sections(String kind) {
        return search.sections(kind);
    }

    /** The name of an area or category, empty when no story was ever published in it. */
    public Mono<String> sectionName(String kind, String key) {
        return search.sectionName(kind, key);
    }

    /** The stories with these ids, in this order; one that has gone meanwhile is left out. */
    private Mono<List<Story>> inOrder(List<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return mongo.find(query(where("_id").in(ids)), Story.class)
                .collectMap(Story::id)
                .map(byId -> ids.stream()
                        .map(byId::get)
                        .filter(Objects::nonNull)
                        // Withdrawn meanwhile: the search forgets it right after.
                        .filter(story -> !story.retracted())
                        .toList());
    }

    private static void requirePositive(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A page holds at least one story, not " + size);
        }
    }
}
