package org.newsdesk.publishing.story;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

    StoryRepository(ReactiveMongoTemplate mongo, PublishingProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    /**
     * The indexes must exist before the first story is stored, since the unique slug is what
     * keeps two stories from sharing an address; startup is the one place that may block. The
     * newest-first index serves the pages on real MongoDB; mongo-java-server accepts and ignores
     * compound indexes.
     */
    @Override
    public void afterPropertiesSet() {
        ReactiveIndexOperations indexes = mongo.indexOps(Story.class);
        indexes.createIndex(new Index().on("slug", Sort.Direction.ASC).unique().named("slug_unique"))
                .then(indexes.createIndex(new Index()
                        .on("publishedAt", Sort.Direction.DESC)
                        .on("_id", Sort.Direction.DESC)
                        .named("newest_first")))
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
        return findById(draft.tipId())
                .flatMap(existing -> existing.decisionRevision() >= draft.decisionRevision()
                        ? Mono.just(existing)
                        : revise(existing, draft).switchIfEmpty(Mono.defer(() -> store(draft, knownSlug))))
                .switchIfEmpty(Mono.defer(() -> knownSlug != null
                        ? insertIfAbsent(draft.withSlug(knownSlug))
                        : storeWithFreeSlug(draft, StorySlugs.of(draft.headline()), 1)));
    }

    /** Empty when the story changed meanwhile: the caller reads it again. */
    private Mono<Story> revise(Story existing, StoryDraft draft) {
        Story revised = new Story(existing.id(), existing.slug(), draft.headline(), draft.body(), draft.area(),
                draft.category(), existing.publishedAt(), existing.revision() + 1, draft.decisionRevision());
        Update update = new Update()
                .set("headline", revised.headline())
                .set("body", revised.body())
                .set("area", revised.area())
                .set("category", revised.category())
                .set(REVISION, revised.revision())
                .set(DECISION_REVISION, revised.decisionRevision());
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
        if (size < 1) {
            throw new IllegalArgumentException("A page holds at least one story, not " + size);
        }
        Criteria criteria = after == null
                ? new Criteria()
                : new Criteria().orOperator(
                        where("publishedAt").lt(after.publishedAt()),
                        where("publishedAt").is(after.publishedAt()).and("_id").lt(after.id()));
        // One more than asked for tells whether another page follows without a count.
        Query newestFirst = query(criteria)
                .with(Sort.by(Sort.Order.desc("publishedAt"), Sort.Order.desc("_id")))
                .limit(size + 1);
        Flux<Story> stories = mongo.find(newestFirst, Story.class);
        return stories.collectList().map(found -> toPage(found, size));
    }

    private static StoryPage toPage(List<Story> found, int size) {
        if (found.size() <= size) {
            return new StoryPage(found, null);
        }
        List<Story> items = found.subList(0, size);
        return new StoryPage(items, items.get(size - 1).position());
    }
}
