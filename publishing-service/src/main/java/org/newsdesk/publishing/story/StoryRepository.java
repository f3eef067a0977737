package org.newsdesk.publishing.story;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
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

    static final String COLLECTION = "stories";

    private static final String STORED_AT = "storedAt";

    private static final Logger log = LoggerFactory.getLogger(StoryRepository.class);

    /** More than enough for instances racing for the same slug; more means something else is wrong. */
    private static final int SLUG_ATTEMPTS = 10;

    private static final Duration INDEX_TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;

    StoryRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The indexes must exist before the first story is stored, since the unique slug is what
     * keeps two stories from sharing an address; startup is the one place that may block. The
     * newest-first index serves the pages and the other one the relay's search for unannounced
     * stories on real MongoDB; mongo-java-server accepts and ignores compound indexes.
     */
    @Override
    public void afterPropertiesSet() {
        ReactiveIndexOperations indexes = mongo.indexOps(Story.class);
        indexes.createIndex(new Index().on("slug", Sort.Direction.ASC).unique().named("slug_unique"))
                .then(indexes.createIndex(new Index()
                        .on("publishedAt", Sort.Direction.DESC)
                        .on("_id", Sort.Direction.DESC)
                        .named("newest_first")))
                .then(indexes.createIndex(new Index()
                        .on("announced", Sort.Direction.ASC)
                        .on(STORED_AT, Sort.Direction.ASC)
                        .named("awaiting_announcement")))
                .block(INDEX_TIMEOUT);
    }

    /**
     * Stores the story for a tip unless one is stored already, and answers the stored story
     * either way: a story, once stored, is never changed by a repeated decision. A new story gets
     * the first free slug among its headline's slug, {@code -2}, {@code -3}...
     */
    public Mono<Story> store(StoryDraft draft) {
        return findById(draft.tipId())
                .switchIfEmpty(Mono.defer(() -> storeWithFreeSlug(draft, StorySlugs.of(draft.headline()), 1)));
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
     * so the write is idempotent even without the read before it.
     */
    private Mono<Story> insertIfAbsent(Story story) {
        Document fields = new Document();
        mongo.getConverter().write(story, fields);
        fields.remove("_id");
        Update update = new Update();
        fields.forEach(update::setOnInsert);
        // Not part of the story readers see: when this service stored it, which tells the relay
        // how long a story has waited for its announcement (publishedAt may be long past on a replay).
        update.setOnInsert(STORED_AT, Instant.now());
        return mongo.upsert(query(where("_id").is(story.id())), update, COLLECTION)
                .flatMap(result -> result.getUpsertedId() != null
                        ? Mono.just(story)
                        : findById(story.id()));
    }

    /** Records that Kafka acknowledged the story's {@code StoryPublished}, so it is never sent again. */
    public Mono<Void> markAnnounced(String id) {
        return mongo.updateFirst(query(where("_id").is(id)), new Update().set("announced", true), Story.class)
                .then();
    }

    /** Stories stored before the instant whose announcement Kafka never acknowledged, oldest first. */
    public Flux<Story> unannouncedStoredBefore(Instant storedBefore, int limit) {
        Query waiting = query(where("announced").is(false).and(STORED_AT).lt(storedBefore))
                .with(Sort.by(Sort.Direction.ASC, STORED_AT))
                .limit(limit);
        return mongo.find(waiting, Story.class);
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
