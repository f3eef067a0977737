package org.newsdesk.publishing.story;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.Topics;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.publishing.PublishingProperties;
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

    /** The most stories one read of the search returns; longer lists are read a page at a time. */
    private static final int LARGEST_PAGE = 500;

    private final ReactiveMongoOperations mongo;
    private final PublishingProperties properties;
    private final StorySearch search;
    private final SlugAllocation slugs;

    StoryRepository(
            ReactiveMongoOperations mongo, PublishingProperties properties, StorySearch search, SlugAllocation slugs) {
        this.mongo = mongo;
        this.properties = properties;
        this.search = search;
        this.slugs = slugs;
    }

    /** Every collection of the read model: the stories and their search's, for the rebuild command. */
    public List<String> collections() {
        List<String> collections = new ArrayList<>(List.of(COLLECTION));
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
        return store(draft, null);
    }

    /**
     * As {@link #store(StoryDraft)}, but a new story takes {@code knownSlug} when it is given: the
     * address the log says the story was published under, which a rebuild must keep.
     */
    public Mono<Story> store(StoryDraft draft, @Nullable String knownSlug) {
        // The search follows the story in the same call, also when the story was stored already:
        // a redelivery after a crash between the two writes completes it, and indexing a revision
        // that is indexed already reads one document and writes nothing.
        return storeStory(draft, knownSlug).flatMap(story -> search.index(story).thenReturn(story));
    }

    private Mono<Story> storeStory(StoryDraft draft, @Nullable String knownSlug) {
        return findById(draft.tipId())
                .flatMap(existing -> existing.decisionRevision() >= draft.decisionRevision()
                        ? Mono.just(existing)
                        : revise(existing, draft).switchIfEmpty(Mono.defer(() -> storeStory(draft, knownSlug))))
                .switchIfEmpty(Mono.defer(() -> knownSlug != null
                        ? insertIfAbsent(draft.withSlug(knownSlug))
                        : slugs.insertUnderFreeSlug(draft, this::insertIfAbsent)));
    }

    /** Empty when the story changed meanwhile: the caller reads it again. */
    private Mono<Story> revise(Story existing, StoryDraft draft) {
        Story revised = new Story(
                existing.id(),
                existing.slug(),
                draft.headline(),
                draft.body(),
                draft.area(),
                draft.category(),
                existing.publishedAt(),
                existing.revision() + 1,
                draft.decisionRevision(),
                draft.publishedAt().isAfter(existing.lastModified()) ? draft.publishedAt() : existing.lastModified(),
                draft.photos());
        Update update = new Update()
                .set("headline", revised.headline())
                .set("body", revised.body())
                .set("area", revised.area())
                .set("category", revised.category())
                .set(REVISION, revised.revision())
                .set("decisionRevision", revised.decisionRevision())
                .set("updatedAt", revised.updatedAt())
                .set("photos", revised.photos());
        Outbox.announce(update, Topics.STORIES_PUBLISHED, announcement(revised));
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
    private Mono<Story> insertIfAbsent(Story story) {
        Update update = new Update()
                .setOnInsert("slug", story.slug())
                .setOnInsert("headline", story.headline())
                .setOnInsert("body", story.body())
                .setOnInsert("publishedAt", story.publishedAt())
                .setOnInsert(REVISION, story.revision())
                .setOnInsert("decisionRevision", story.decisionRevision())
                .setOnInsert("photos", story.photos());
        // Left out when absent, as the mapped type leaves them out: a stored story looks the same either way.
        setOnInsertIfPresent(update, "area", story.area());
        setOnInsertIfPresent(update, "category", story.category());
        setOnInsertIfPresent(update, "updatedAt", story.updatedAt());
        Outbox.announceOnInsert(update, Topics.STORIES_PUBLISHED, announcement(story));
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
        return inOrder(items.stream().map(StoryListPosition::id).toList()).map(stories -> new StoryPage(stories, next));
    }

    /** Up to {@code max} stories, newest first, read a page at a time (for the sitemap). */
    public Flux<Story> newest(int max) {
        int size = Math.min(max, LARGEST_PAGE);
        return page(null, size)
                .expand(page -> page.next() == null ? Mono.empty() : page(StoryPosition.valueOf(page.next()), size))
                .concatMapIterable(StoryPage::items)
                .take(max);
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
                .map(byId ->
                        ids.stream().map(byId::get).filter(Objects::nonNull).toList());
    }

    private static void requirePositive(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A page holds at least one story, not " + size);
        }
    }
}
