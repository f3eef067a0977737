package org.newsdesk.publishing.story;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.MongoBulkWriteException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.annotation.Id;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The {@link StorySearch} of this service: a keyword index of the stories, and the lists of every
 * area and category, kept in collections of their own and written right after the story by the
 * same code path ({@link StoryRepository#store}), so a redelivered decision and the rebuild
 * command both reproduce it.
 *
 * <h2>Why an index of our own, shaped like this</h2>
 * MongoDB's {@code $text} is missing from mongo-java-server, and mongo-java-server ignores every
 * secondary index that is not unique: any query on a field other than {@code _id} (or a unique
 * field) scans the whole collection, and on {@code _id} it only looks up exact values and
 * {@code $in} lists (a range or a prefix regex scans too). So every read here is an {@code _id}
 * lookup, which is fast on both engines:
 * <ul>
 * <li>{@value #POSTINGS}: one document per term and day ({@code _id} = {@code term|yyyyMM~dd}),
 * holding an entry per story of that day with the term: when it was published, whether the term
 * is in its headline, its area and category. Daily buckets keep every document small however many
 * stories accumulate (a document per term would reach MongoDB's 16 MB limit for common words, and
 * a month's document of a common word, rewritten by every story of the month that has the word,
 * made indexing a story cost more as the month filled), and a story's day never changes, so its
 * entries never move. An index written before the days were split keeps a document per month
 * ({@code term|yyyyMM}), read with its days; a story indexed again moves out of it.</li>
 * <li>{@value #TERMS}: one document per term ({@code _id} = the term) listing the months it has
 * postings in: what a list or a search turns into {@code $in} lookups of a month's posting
 * documents.</li>
 * <li>{@value #SECTIONS}: the areas and categories with their names as first written, small
 * enough to list whole (the sitemap, an area page's title).</li>
 * <li>{@value #STATE}: per story, the revision indexed and the posting documents it is in, so a
 * story edited into other words leaves the postings it no longer belongs to, and a repeated
 * indexing of the same revision is skipped.</li>
 * </ul>
 * Terms are {@code w:word} for the folded words of headline and body ({@link Words}),
 * {@code a:key} and {@code c:key} for the area and the category, and {@code *} for every story:
 * the front page, an area page and a category page are newest-first walks over one term's months,
 * newest month first, stopping as soon as a page is full.
 *
 * <p>Storing the words on the story with a multikey index would serve real MongoDB well, but on
 * mongo-java-server (the embedded run and the tests) every search would scan every story, as the
 * regex scans in {@code SearchBenchmark} (test sources) do, side by side with this index.
 *
 * <p>The price is paid on writes: a story upserts one posting document per distinct word (some
 * 50), each holding one day's stories, so indexing a story costs the same in a month of thousands
 * of stories as in a month of ten; a month is read as its days' documents, by {@code _id}.
 */
@Component
class StoryIndex implements StorySearch {

    static final String POSTINGS = "story_postings";
    static final String TERMS = "story_terms";
    static final String SECTIONS = "story_sections";
    static final String STATE = "story_index_state";

    static final String EVERY_STORY = "*";
    static final String AREA = "a:";
    static final String CATEGORY = "c:";
    static final String WORD = "w:";

    private static final String ENTRIES = "entries";
    private static final String DAY = "~";
    private static final int DAYS_IN_A_MONTH = 31;
    private static final TypeInformation<Posting> POSTING = TypeInformation.of(Posting.class);
    /** Stories count their revisions from 1. */
    private static final long NOTHING_INDEXED = 0;

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final ReactiveMongoOperations mongo;

    StoryIndex(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    /** The stories of one term and month, each under its {@link #entryKey}. */
    @Document(POSTINGS)
    record PostingBucket(@Id String id, @Nullable Map<String, Posting> entries) {

        List<Posting> postings() {
            return entries == null ? List.of() : List.copyOf(entries.values());
        }
    }

    /** What the index knows of one story under one term; short field names, as there is one per story and word. */
    record Posting(
            @Field("i") String storyId,
            @Field("t") Instant publishedAt,
            @Field("h") boolean inHeadline,
            @Field("a") String areaKey,
            @Field("c") String categoryKey) {

        StoryPosition position() {
            return new StoryPosition(publishedAt, storyId);
        }
    }

    /** The months a term has postings in, as {@code yyyyMM}. */
    @Document(TERMS)
    record TermMonths(@Id String term, @Nullable List<Integer> months) {

        List<Integer> all() {
            return months == null ? List.of() : months;
        }
    }

    /** An area ({@code kind} {@code "area"}) or a category, under its term, with the name it was first given. */
    @Document(SECTIONS)
    record Section(@Id String term, String kind, String key, String name) {}

    /** How far a story is indexed, and the posting documents it is in. */
    @Document(STATE)
    record IndexState(
            @Id String storyId, long revision, @Nullable List<String> postings) {}

    @Override
    public List<String> collections() {
        return List.of(POSTINGS, TERMS, SECTIONS, STATE);
    }

    /**
     * Indexes the stories as stored; nothing to do for a revision indexed already. Each posting
     * document is written once for all the stories given, so the rebuild, which indexes hundreds
     * of stories at a time, rewrites a month's document of a common word once per batch, not once
     * per story. Two calls for stories of one month at once upsert the same posting documents; on
     * MongoDB the loser of an upsert race can get a duplicate key error. The writes only set
     * values, so doing them again is safe.
     */
    @Override
    public Mono<Void> index(List<Story> stories) {
        Map<String, Story> newest = new LinkedHashMap<>();
        stories.forEach(story ->
                newest.merge(story.id(), story, (held, next) -> next.revision() > held.revision() ? next : held));
        if (newest.isEmpty()) {
            return Mono.empty();
        }
        return mongo.find(query(where("_id").in(newest.keySet())), IndexState.class)
                .collectMap(IndexState::storyId)
                .flatMap(states -> {
                    List<Story> due = newest.values().stream()
                            .filter(story -> !states.containsKey(story.id())
                                    || states.get(story.id()).revision() < story.revision())
                            .toList();
                    return due.isEmpty() ? Mono.<Void>empty() : write(due, states);
                })
                .retryWhen(Retry.backoff(5, Duration.ofMillis(10)).filter(StoryIndex::lostAnUpsertRace));
    }

    @Override
    public Mono<Boolean> indexed(Story story) {
        return mongo.findById(story.id(), IndexState.class)
                .map(state -> state.revision() >= story.revision())
                .defaultIfEmpty(false);
    }

    private static List<String> postingsOf(@Nullable IndexState state) {
        return state == null || state.postings() == null ? List.of() : state.postings();
    }

    private static boolean lostAnUpsertRace(Throwable error) {
        return error instanceof DataIntegrityViolationException
                || error instanceof MongoBulkWriteException
                || error.getCause() instanceof MongoBulkWriteException;
    }

    private Mono<Void> write(List<Story> stories, Map<String, IndexState> states) {
        Map<String, Set<Integer>> monthsByTerm = new LinkedHashMap<>();
        // The first story given names a section, as the first one published did.
        Map<String, Section> sectionsByTerm = new LinkedHashMap<>();
        Map<String, Update> additions = new LinkedHashMap<>();
        Map<String, Update> removals = new LinkedHashMap<>();
        Map<String, List<String>> postingsByStory = new LinkedHashMap<>();
        for (Story story : stories) {
            List<String> after = new ArrayList<>();
            String field = ENTRIES + "." + entryKey(story.id());
            for (Entry entry : entries(story)) {
                after.add(entry.postingId());
                monthsByTerm
                        .computeIfAbsent(entry.term(), term -> new LinkedHashSet<>())
                        .add(entry.month());
                additions.computeIfAbsent(entry.postingId(), id -> new Update()).set(field, stored(entry.posting()));
                if (entry.section() != null) {
                    sectionsByTerm.putIfAbsent(entry.term(), entry.section());
                }
            }
            for (String left : postingsOf(states.get(story.id()))) {
                if (!after.contains(left)) {
                    // A document no story adds to is only updated: a story leaving it never creates it.
                    Update update = additions.containsKey(left)
                            ? additions.get(left)
                            : removals.computeIfAbsent(left, id -> new Update());
                    update.unset(field);
                }
            }
            postingsByStory.put(story.id(), after);
        }
        ReactiveBulkOperations terms = mongo.bulkOps(BulkMode.UNORDERED, TermMonths.class);
        monthsByTerm.forEach((term, months) -> terms.upsert(
                query(where("_id").is(term)), new Update().addToSet("months").each(months.toArray())));
        // The first name a section is published under stays its name: areas typed as "erewash"
        // and "Erewash" are one section, and it should not flicker between them.
        ReactiveBulkOperations sections = mongo.bulkOps(BulkMode.UNORDERED, Section.class);
        sectionsByTerm.forEach((term, section) -> sections.upsert(
                query(where("_id").is(term)),
                new Update()
                        .setOnInsert("kind", section.kind())
                        .setOnInsert("key", section.key())
                        .setOnInsert("name", section.name())));
        // By the collection's name, not the mapped type: each update names a field of its own per
        // story (entries.<story>), which the mapping would try to resolve as a property path of
        // the type and fail, throwing and catching for every field; the values are mapped already.
        ReactiveBulkOperations postings = mongo.bulkOps(BulkMode.UNORDERED, POSTINGS);
        additions.forEach((id, update) -> postings.upsert(query(where("_id").is(id)), update));
        removals.forEach((id, update) -> postings.updateOne(query(where("_id").is(id)), update));
        ReactiveBulkOperations indexed = mongo.bulkOps(BulkMode.UNORDERED, IndexState.class);
        for (Story story : stories) {
            indexed.upsert(
                    query(where("_id").is(story.id())),
                    new Update().set("revision", story.revision()).set("postings", postingsByStory.get(story.id())));
        }
        // Withdrawn stories have no entries: nothing to add, maybe postings to leave. An empty
        // bulk write is refused, so none is made.
        return (monthsByTerm.isEmpty() ? Mono.empty() : terms.execute())
                .then(sectionsByTerm.isEmpty() ? Mono.empty() : sections.execute())
                .then(additions.isEmpty() && removals.isEmpty() ? Mono.empty() : postings.execute())
                // Last: once they say these revisions are indexed, every posting of them is written.
                .then(indexed.execute())
                .then();
    }

    /**
     * A posting as its bucket keeps it, without the type hint an update would add to every entry:
     * the bucket's map says what its values are.
     */
    private Object stored(Posting posting) {
        return mongo.getConverter().convertToMongoType(posting, POSTING);
    }

    /**
     * What the index holds of a story under one term: the {@code posting} goes into the posting
     * document {@code postingId} (the term's on the story's day) under the story's {@link
     * #entryKey}; an area or a category term also names its section.
     */
    record Entry(
            String term,
            int month,
            String postingId,
            Posting posting,
            @Nullable Section section) {}

    /**
     * Every entry of a story in the index, one per term; none for a withdrawn story, which so
     * leaves every list, feed and search (its area and category stay named: they were published).
     */
    static List<Entry> entries(Story story) {
        if (story.retracted()) {
            return List.of();
        }
        int month = month(story.publishedAt());
        String areaKey = Words.key(story.area());
        String categoryKey = Words.key(story.category());
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Boolean> term : terms(story).entrySet()) {
            Posting posting = new Posting(story.id(), story.publishedAt(), term.getValue(), areaKey, categoryKey);
            Section section = term.getKey().startsWith(AREA)
                    ? new Section(term.getKey(), "area", areaKey, story.area().strip())
                    : term.getKey().startsWith(CATEGORY)
                            ? new Section(
                                    term.getKey(),
                                    "category",
                                    categoryKey,
                                    story.category().strip())
                            : null;
            entries.add(new Entry(term.getKey(), month, day(term.getKey(), story.publishedAt()), posting, section));
        }
        return entries;
    }

    /** Every term of a story, with whether it is in the headline. */
    static Map<String, Boolean> terms(Story story) {
        Map<String, Boolean> terms = new LinkedHashMap<>();
        terms.put(EVERY_STORY, false);
        String area = Words.key(story.area());
        if (!area.isEmpty()) {
            terms.put(AREA + area, false);
        }
        String category = Words.key(story.category());
        if (!category.isEmpty()) {
            terms.put(CATEGORY + category, false);
        }
        Set<String> headline = Words.of(story.headline());
        headline.forEach(word -> terms.put(WORD + word, true));
        Words.of(story.body()).forEach(word -> terms.putIfAbsent(WORD + word, false));
        return terms;
    }

    /**
     * The months of the narrowest term are read newest first, one at a time, until enough are
     * found.
     */
    @Override
    public Mono<List<StoryPosition>> newest(StoryQuery query, @Nullable StoryPosition after, int count) {
        String term = !query.areaKey().isEmpty()
                ? AREA + query.areaKey()
                : !query.categoryKey().isEmpty() ? CATEGORY + query.categoryKey() : EVERY_STORY;
        Predicate<Posting> wanted = inSections(query);
        int lastMonth = after == null ? Integer.MAX_VALUE : month(after.publishedAt());
        Comparator<StoryPosition> newestFirst = StoryPosition::compareNewestFirst;
        return mongo.findById(term, TermMonths.class)
                .flatMapMany(months -> Flux.fromIterable(months.all().stream()
                        .filter(month -> month <= lastMonth)
                        .sorted(Comparator.reverseOrder())
                        .toList()))
                .concatMap(
                        month -> mongo.find(query(where("_id").in(postingIds(term, month))), PostingBucket.class)
                                .flatMapIterable(PostingBucket::postings)
                                .filter(wanted)
                                .map(Posting::position)
                                .filter(position -> after == null || newestFirst.compare(position, after) > 0)
                                .sort(newestFirst),
                        1)
                .take(count)
                .collectList();
    }

    @Override
    public Mono<List<SearchPosition>> best(StoryQuery query, @Nullable SearchPosition after, int count) {
        if (query.words().isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> terms = query.words().stream().map(word -> WORD + word).toList();
        Predicate<Posting> wanted = inSections(query);
        return mongo.find(query(where("_id").in(terms)), TermMonths.class)
                .flatMapIterable(term -> term.all().stream()
                        .flatMap(month -> postingIds(term.term(), month).stream())
                        .toList())
                .collectList()
                .flatMapMany(postingIds -> postingIds.isEmpty()
                        ? Flux.empty()
                        : mongo.find(query(where("_id").in(postingIds)), PostingBucket.class))
                .flatMapIterable(PostingBucket::postings)
                .filter(wanted)
                .collect(
                        HashMap<String, Hit>::new,
                        (hits, posting) -> hits.computeIfAbsent(posting.storyId(), id -> new Hit(posting.publishedAt()))
                                .add(posting.inHeadline()))
                .map(hits -> hits.entrySet().stream()
                        .map(hit -> hit.getValue().position(hit.getKey()))
                        .filter(position -> after == null || SearchPosition.BEST_FIRST.compare(position, after) > 0)
                        .sorted(SearchPosition.BEST_FIRST)
                        .limit(count)
                        .toList());
    }

    /** The areas (or categories) there are, by key, with the name each was first published under. */
    @Override
    public Mono<Map<String, String>> sections(String kind) {
        return mongo.find(query(where("kind").is(kind)), Section.class)
                .sort(Comparator.comparing(Section::name, String.CASE_INSENSITIVE_ORDER))
                .collect(Collectors.toMap(Section::key, Section::name, (first, same) -> first, LinkedHashMap::new));
    }

    @Override
    public Mono<String> sectionName(String kind, String key) {
        String prefix = "area".equals(kind) ? AREA : CATEGORY;
        return mongo.findById(prefix + key, Section.class).map(Section::name);
    }

    private static Predicate<Posting> inSections(StoryQuery query) {
        return posting -> (query.areaKey().isEmpty() || query.areaKey().equals(posting.areaKey()))
                && (query.categoryKey().isEmpty() || query.categoryKey().equals(posting.categoryKey()));
    }

    /** The posting document of a term for the day (UTC) of an instant: {@code term|yyyyMM~dd}. */
    static String day(String term, Instant instant) {
        return dayDocument(term, month(instant), instant.atZone(ZoneOffset.UTC).getDayOfMonth());
    }

    private static String dayDocument(String term, int month, int day) {
        return term + "|" + month + DAY + String.format("%02d", day);
    }

    /**
     * Every posting document a term's month can have: one per day, and the one of the whole month
     * that an index written before the days were split has.
     */
    static List<String> postingIds(String term, int month) {
        List<String> ids = new ArrayList<>(DAYS_IN_A_MONTH + 1);
        ids.add(term + "|" + month);
        for (int day = 1; day <= DAYS_IN_A_MONTH; day++) {
            ids.add(dayDocument(term, month, day));
        }
        return ids;
    }

    /** The calendar month (UTC) of an instant as {@code yyyyMM}. */
    static int month(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        return utc.getYear() * 100 + utc.getMonthValue();
    }

    /**
     * A story id as a field name: MongoDB field names may hold neither dots nor a leading
     * {@code $}, and a tip id is any non-empty string, so anything but plain ids is encoded.
     */
    static String entryKey(String id) {
        return PLAIN_ID.matcher(id).matches()
                ? id
                : "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Hit {

        private final Instant publishedAt;
        private int words;
        private int headlineWords;

        Hit(Instant publishedAt) {
            this.publishedAt = publishedAt;
        }

        Hit add(boolean inHeadline) {
            words++;
            headlineWords += inHeadline ? 1 : 0;
            return this;
        }

        SearchPosition position(String id) {
            return new SearchPosition(words, headlineWords, publishedAt, id);
        }
    }
}
