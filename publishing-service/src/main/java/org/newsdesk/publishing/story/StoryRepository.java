package org.newsdesk.publishing.story;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.publishing.PublishingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.ReactiveIndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The published stories in MongoDB. Every write is keyed by the tip id and changes nothing when
 * repeated, which is what lets a Kafka consumer redeliver, and a later rebuild replay, decisions
 * freely.
 *
 * <p>Slugs are unique by a unique index, not by a check-then-write in this code, so two
 * instances of the service publishing stories with the same headline at the same time still end
 * up with two slugs.
 */
@Repository
public class StoryRepository implements InitializingBean {

    public static final String COLLECTION = "stories";

    private static final String REVISION = "revision";
    private static final String DECISION_REVISION = "decisionRevision";

    private static final Logger log = LoggerFactory.getLogger(StoryRepository.class);

    /** More than enough for instances racing for the same slug; more means something else is wrong. */
    private static final int SLUG_ATTEMPTS = 10;

    private static final Duration INDEX_TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final PublishingProperties properties;
    private final StoryIndex index;

    StoryRepository(ReactiveMongoTemplate mongo, PublishingProperties properties, StoryIndex index) {
        this.mongo = mongo;
        this.properties = properties;
        this.index = index;
    }

    /** Every collection of the read model: the stories and their index, for the rebuild command. */
    public static List<String> collections() {
        return List.of(COLLECTION, StoryIndex.POSTINGS, StoryIndex.TERMS, StoryIndex.SECTIONS, StoryIndex.STATE);
    }

    /**
     * The unique index must exist before the first story is stored, since it is what keeps two
     * stories from sharing an address; startup is the one place that may block. Lists and
     * searches do not read this collection by anything but {@code _id}: they go through the
     * {@link StoryIndex}, which is fast on mongo-java-server too, where only unique indexes count.
     */
    @Override
    public void afterPropertiesSet() {
        ReactiveIndexOperations indexes = mongo.indexOps(Story.class);
        indexes.createIndex(new Index().on("slug", Sort.Direction.ASC).unique().named("slug_unique"))
                .block(INDEX_TIMEOUT);
    }

    /**
     * Stores the story for a decision, together with its {@code StoryPublished} in the story's
     * outbox, in one write. A decision older than, or the same as, the one the story was made from
     * changes nothing, so redelivery and replay are harmless; a newer one (an edit after
     * publication) updates the text and announces the story's next revision. A new story gets the
     * first free slug among its headline's slug, {@code -2}, {@code -3}...
     *
     * @return the story as stored
     */
    public Mono<Story> store(StoryDraft draft) {
        return store(draft, null);
    }

    /**
     * As {@link #store(StoryDraft)}, but a new story takes {@code knownSlug} when it is given: the
     * address the log says the story was published under, which a rebuild must keep.
     */
    public Mono<Story> store(StoryDraft draft, @Nullable String knownSlug) {
        // The index follows the story in the same call, also when the story was stored already:
        // a redelivery after a crash between the two writes completes the index, and indexing a
        // revision that is indexed already reads one document and writes nothing.
        return storeStory(draft, knownSlug).flatMap(story -> indexed(story).thenReturn(story));
    }

    /**
     * Two stories of one month written at once upsert the same posting documents; on MongoDB the
     * loser of an upsert race can get a duplicate key error. The index write only sets values, so
     * doing it again is safe.
     */
    private Mono<Void> indexed(Story story) {
        return index.index(story).retryWhen(Retry.backoff(5, Duration.ofMillis(10))
                .filter(error -> error instanceof DuplicateKeyException
                        || error instanceof org.springframework.dao.DataIntegrityViolationException
                        || error instanceof com.mongodb.MongoBulkWriteException
                        || error.getCause() instanceof com.mongodb.MongoBulkWriteException));
    }

    private Mono<Story> storeStory(StoryDraft draft, @Nullable String knownSlug) {
        return findById(draft.tipId())
                .flatMap(existing -> existing.decisionRevision() >= draft.decisionRevision()
                        ? Mono.just(existing)
                        : revise(existing, draft).switchIfEmpty(Mono.defer(() -> storeStory(draft, knownSlug))))
                .switchIfEmpty(Mono.defer(() -> knownSlug != null
                        ? insertIfAbsent(draft.withSlug(knownSlug))
                        : storeWithFreeSlug(draft, StorySlugs.of(draft.headline()), 1)));
    }

    /** Empty when the story changed meanwhile: the caller reads it again. */
    private Mono<Story> revise(Story existing, StoryDraft draft) {
        Story revised = new Story(existing.id(), existing.slug(), draft.headline(), draft.body(), draft.area(),
                draft.category(), existing.publishedAt(), existing.revision() + 1, draft.decisionRevision(),
                draft.publishedAt().isAfter(existing.lastModified()) ? draft.publishedAt() : existing.lastModified(),
                draft.photos());
        Update update = new Update()
                .set("headline", revised.headline())
                .set("body", revised.body())
                .set("area", revised.area())
                .set("category", revised.category())
                .set(REVISION, revised.revision())
                .set(DECISION_REVISION, revised.decisionRevision())
                .set("updatedAt", revised.updatedAt())
                .set("photos", revised.photos());
        Outbox.announce(update, Topics.STORIES_PUBLISHED, announcement(revised));
        return mongo.findAndModify(query(where("_id").is(existing.id()).and(REVISION).is(existing.revision())),
                update, FindAndModifyOptions.options().returnNew(true), Story.class);
    }

    private Mono<Story> storeWithFreeSlug(StoryDraft draft, String baseSlug, int attempt) {
        return takenSlugs(baseSlug)
                .map(taken -> StorySlugs.firstFree(baseSlug, taken))
                .flatMap(slug -> insertIfAbsent(draft.withSlug(slug)))
                // The unique indexes are on _id and slug. Whichever one refused the write, if the
                // tip's story now exists someone stored it first (a redelivery racing us) and
                // that story stands; otherwise the slug was taken meanwhile: try the next one.
                .onErrorResume(DuplicateKeyException.class, duplicate -> findById(draft.tipId())
                        .switchIfEmpty(Mono.defer(() -> {
                            if (attempt >= SLUG_ATTEMPTS) {
                                return Mono.error(new IllegalStateException("No free slug for '" + baseSlug
                                        + "' after " + attempt + " attempts", duplicate));
                            }
                            log.debug("Slug for tip {} was taken meanwhile, trying the next one", draft.tipId());
                            return storeWithFreeSlug(draft, baseSlug, attempt + 1);
                        })));
    }

    private Mono<Set<String>> takenSlugs(String baseSlug) {
        Query variants = query(where("slug").regex(StorySlugs.variantsRegex(baseSlug)));
        variants.fields().include("slug");
        return mongo.find(variants, Document.class, COLLECTION)
                .map(document -> document.getString("slug"))
                .collect(Collectors.toSet());
    }

    /**
     * An upsert that only ever inserts: {@code $setOnInsert} leaves an existing document as it is,
     * outbox included, so the write is idempotent even without the read before it.
     */
    private Mono<Story> insertIfAbsent(Story story) {
        Document fields = new Document();
        mongo.getConverter().write(story, fields);
        fields.remove("_id");
        Update update = new Update();
        fields.forEach(update::setOnInsert);
        Outbox.announceOnInsert(update, Topics.STORIES_PUBLISHED, announcement(story));
        return mongo.upsert(query(where("_id").is(story.id())), update, COLLECTION)
                .flatMap(result -> result.getUpsertedId() != null
                        ? Mono.just(story)
                        : findById(story.id()));
    }

    /**
     * Everything in the event follows from the stored story, the event id included, so a repeated
     * send is recognisably the same event. The first revision keeps the id it had before stories
     * had revisions.
     */
    private StoryPublished announcement(Story story) {
        String name = StoryPublished.TYPE + ":" + story.id() + (story.revision() > 1 ? ":" + story.revision() : "");
        UUID eventId = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        return new StoryPublished(eventId, StoryPublished.SCHEMA_VERSION, story.publishedAt(), story.id(),
                story.revision(), story.slug(), story.headline(), properties.storyUrl(story.slug()),
                story.publishedAt());
    }

    public Mono<Story> findById(String id) {
        return mongo.findById(id, Story.class);
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
        return index.newest(query, after, size + 1).flatMap(found -> {
            List<StoryIndex.Posting> items = found.subList(0, Math.min(size, found.size()));
            String next = found.size() > size ? StoryCursor.encode(items.get(size - 1).position()) : null;
            return inOrder(items.stream().map(StoryIndex.Posting::id).toList())
                    .map(stories -> new StoryPage(stories, next));
        });
    }

    /** Up to {@code size} stories matching the query's words, best match first, after {@code after}. */
    public Mono<StoryPage> search(StoryQuery query, @Nullable SearchPosition after, int size) {
        requirePositive(size);
        return index.best(query, after, size + 1).flatMap(found -> {
            List<SearchPosition> items = found.subList(0, Math.min(size, found.size()));
            String next = found.size() > size ? StoryCursor.encode(items.get(size - 1)) : null;
            return inOrder(items.stream().map(SearchPosition::id).toList())
                    .map(stories -> new StoryPage(stories, next));
        });
    }

    /** Up to {@code max} stories, newest first, read a page at a time (for the sitemap). */
    public Flux<Story> newest(int max) {
        int size = Math.min(max, 500);
        return page(null, size)
                .expand(page -> page.next() == null ? Mono.empty()
                        : page(StoryCursor.decode(page.next()).orElseThrow(), size))
                .concatMapIterable(StoryPage::items)
                .take(max);
    }

    /** The areas ({@code "area"}) or categories ({@code "category"}) with stories, by key, with their names. */
    public Mono<Map<String, String>> sections(String kind) {
        return index.sections(kind);
    }

    /** The name of an area or category, empty when no story was ever published in it. */
    public Mono<String> sectionName(String kind, String key) {
        return index.sectionName(kind, key);
    }

    /** The stories with these ids, in this order; one that has gone meanwhile is left out. */
    private Mono<List<Story>> inOrder(List<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return mongo.find(query(where("_id").in(ids)), Story.class)
                .collectMap(Story::id)
                .map(byId -> ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList());
    }

    private static void requirePositive(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A page holds at least one story, not " + size);
        }
    }
}
