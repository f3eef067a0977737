package org.newsdesk.publishing.story;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The keyword index of the stories, and the lists of every area and category: part of the read
 * model, written right after the story by the same code path ({@link StoryRepository#store}), so
 * a redelivered decision and the rebuild command both reproduce it.
 *
 * <h2>Why an index of our own, shaped like this</h2>
 * MongoDB's {@code $text} is missing from mongo-java-server, and mongo-java-server ignores every
 * secondary index that is not unique: any query on a field other than {@code _id} (or a unique
 * field) scans the whole collection, and on {@code _id} it only looks up exact values and
 * {@code $in} lists (a range or a prefix regex scans too). So every read here is an {@code _id}
 * lookup, which is fast on both engines:
 * <ul>
 * <li>{@value #POSTINGS}: one document per term and calendar month ({@code _id} =
 * {@code term|yyyyMM}), holding an entry per story of that month with the term: when it was
 * published, whether the term is in its headline, its area and category. Monthly buckets keep
 * every document small however many stories accumulate (a document per term would reach MongoDB's
 * 16 MB limit for common words), and a story's month never changes, so its entries never move.</li>
 * <li>{@value #TERMS}: one document per term ({@code _id} = the term) listing the months it has
 * postings in: what a list or a search turns into {@code $in} lookups of posting documents.</li>
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
 * 50), and a month's document of a common word, or of {@code *}, holds an entry per story of that
 * month. For a local outlet (tens of stories a month) that is nothing; at thousands a month,
 * smaller buckets for the commonest terms would keep those documents small.
 */
@org.springframework.stereotype.Component
class StoryIndex {

    static final String POSTINGS = "story_postings";
    static final String TERMS = "story_terms";
    static final String SECTIONS = "story_sections";
    static final String STATE = "story_index_state";

    static final String EVERY_STORY = "*";
    static final String AREA = "a:";
    static final String CATEGORY = "c:";
    static final String WORD = "w:";

    private static final String ENTRIES = "entries";
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final ReactiveMongoTemplate mongo;

    StoryIndex(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What the index knows of one story under one term. */
    record Posting(String id, Instant publishedAt, boolean inHeadline, String areaKey, String categoryKey) {

        StoryPosition position() {
            return new StoryPosition(publishedAt, id);
        }
    }

    /** Indexes the story as stored; nothing to do when this revision is indexed already. */
    Mono<Void> index(Story story) {
        return mongo.findById(story.id(), Document.class, STATE)
                .defaultIfEmpty(new Document())
                .flatMap(state -> {
                    Number indexed = state.get("revision", Number.class);
                    if (indexed != null && indexed.longValue() >= story.revision()) {
                        return Mono.empty();
                    }
                    return write(story, state.getList("postings", String.class, List.of()));
                });
    }

    private Mono<Void> write(Story story, List<String> before) {
        ReactiveBulkOperations directory = mongo.bulkOps(BulkMode.UNORDERED, TERMS);
        ReactiveBulkOperations sections = mongo.bulkOps(BulkMode.UNORDERED, SECTIONS);
        ReactiveBulkOperations postings = mongo.bulkOps(BulkMode.UNORDERED, POSTINGS);
        List<String> after = new ArrayList<>();
        boolean anySection = false;
        String field = ENTRIES + "." + entryKey(story.id());
        for (Entry entry : entries(story)) {
            after.add(entry.postingId());
            directory.upsert(query(where("_id").is(entry.term())), new Update().addToSet("months", entry.month()));
            postings.upsert(query(where("_id").is(entry.postingId())), new Update().set(field, entry.value()));
            if (entry.section() != null) {
                // The first name a section is published under stays its name: areas typed as
                // "erewash" and "Erewash" are one section, and it should not flicker between them.
                sections.upsert(query(where("_id").is(entry.term())), new Update()
                        .setOnInsert("kind", entry.section())
                        .setOnInsert("key", entry.term().substring(2))
                        .setOnInsert("name", entry.sectionName()));
                anySection = true;
            }
        }
        for (String left : before) {
            if (!after.contains(left)) {
                postings.updateOne(query(where("_id").is(left)), new Update().unset(field));
            }
        }
        Mono<?> sectionsWritten = anySection ? sections.execute() : Mono.empty();
        return directory.execute()
                .then(sectionsWritten)
                .then(postings.execute())
                // Last: once it says this revision is indexed, every posting of it is written.
                .then(mongo.upsert(query(where("_id").is(story.id())),
                        new Update().set("revision", story.revision()).set("postings", after), STATE))
                .then();
    }

    /**
     * What the index holds of a story under one term: the entry {@code value} goes into the
     * posting document {@code postingId} under the story's {@link #entryKey}; an area or a
     * category term also names its section ({@code "area"} or {@code "category"}).
     */
    record Entry(String term, int month, String postingId, Document value, @Nullable String section,
            @Nullable String sectionName) {
    }

    /** Every entry of a story in the index, one per term. */
    static List<Entry> entries(Story story) {
        int month = month(story.publishedAt());
        String areaKey = Words.key(story.area());
        String categoryKey = Words.key(story.category());
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Boolean> term : terms(story).entrySet()) {
            Document value = new Document("i", story.id())
                    .append("t", Date.from(story.publishedAt()))
                    .append("h", term.getValue())
                    .append("a", areaKey)
                    .append("c", categoryKey);
            String section = term.getKey().startsWith(AREA) ? "area"
                    : term.getKey().startsWith(CATEGORY) ? "category" : null;
            String sectionName = section == null ? null
                    : ("area".equals(section) ? story.area() : story.category()).strip();
            entries.add(new Entry(term.getKey(), month, term.getKey() + "|" + month, value, section, sectionName));
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
     * Up to {@code count} stories of the query's area and category, newest first, after
     * {@code after}: the months of the narrowest term are read newest first, one at a time,
     * until enough are found.
     */
    Mono<List<Posting>> newest(StoryQuery query, @Nullable StoryPosition after, int count) {
        String term = !query.areaKey().isEmpty() ? AREA + query.areaKey()
                : !query.categoryKey().isEmpty() ? CATEGORY + query.categoryKey()
                : EVERY_STORY;
        Predicate<Posting> wanted = inSections(query);
        int lastMonth = after == null ? Integer.MAX_VALUE : month(after.publishedAt());
        Comparator<Posting> newestFirst = Comparator.comparing(Posting::position, StoryIndex::newestFirst);
        return months(term)
                .flatMapMany(months -> Flux.fromIterable(months.stream()
                        .filter(month -> month <= lastMonth)
                        .sorted(Comparator.reverseOrder())
                        .toList()))
                .concatMap(month -> mongo.findById(term + "|" + month, Document.class, POSTINGS)
                        .flatMapIterable(StoryIndex::postings)
                        .filter(posting -> after == null || newestFirst(posting.position(), after) > 0)
                        .filter(wanted)
                        .sort(newestFirst), 1)
                .take(count)
                .collectList();
    }

    /** Up to {@code count} stories matching any of the query's words, best match first, after {@code after}. */
    Mono<List<SearchPosition>> best(StoryQuery query, @Nullable SearchPosition after, int count) {
        if (query.words().isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> terms = query.words().stream().map(word -> WORD + word).toList();
        Predicate<Posting> wanted = inSections(query);
        return mongo.find(query(where("_id").in(terms)), Document.class, TERMS)
                .flatMapIterable(term -> term.getList("months", Number.class, List.of()).stream()
                        .map(month -> term.getString("_id") + "|" + month.intValue())
                        .toList())
                .collectList()
                .flatMapMany(postingIds -> postingIds.isEmpty() ? Flux.empty()
                        : mongo.find(query(where("_id").in(postingIds)), Document.class, POSTINGS))
                .flatMapIterable(StoryIndex::postings)
                .filter(wanted)
                .collect(HashMap<String, Hit>::new, (hits, posting) -> hits
                        .computeIfAbsent(posting.id(), id -> new Hit(posting.publishedAt()))
                        .add(posting.inHeadline()))
                .map(hits -> hits.entrySet().stream()
                        .map(hit -> hit.getValue().position(hit.getKey()))
                        .filter(position -> after == null || SearchPosition.BEST_FIRST.compare(position, after) > 0)
                        .sorted(SearchPosition.BEST_FIRST)
                        .limit(count)
                        .toList());
    }

    /** The areas (or categories) there are, by key, with the name each was first published under. */
    Mono<Map<String, String>> sections(String kind) {
        return mongo.find(query(where("kind").is(kind)), Document.class, SECTIONS)
                .collectMap(section -> section.getString("key"), section -> section.getString("name"))
                .map(sections -> {
                    Map<String, String> sorted = new LinkedHashMap<>();
                    sections.entrySet().stream().sorted(Map.Entry.comparingByValue(String.CASE_INSENSITIVE_ORDER))
                            .forEach(section -> sorted.put(section.getKey(), section.getValue()));
                    return sorted;
                });
    }

    /** The name of one area or category, empty when no story was ever published in it. */
    Mono<String> sectionName(String kind, String key) {
        String prefix = "area".equals(kind) ? AREA : CATEGORY;
        return mongo.findById(prefix + key, Document.class, SECTIONS).mapNotNull(section -> section.getString("name"));
    }

    private Mono<List<Integer>> months(String term) {
        return mongo.findById(term, Document.class, TERMS)
                .map(found -> found.getList("months", Number.class, List.of()).stream().map(Number::intValue).toList())
                .defaultIfEmpty(List.of());
    }

    private static Predicate<Posting> inSections(StoryQuery query) {
        return posting -> (query.areaKey().isEmpty() || query.areaKey().equals(posting.areaKey()))
                && (query.categoryKey().isEmpty() || query.categoryKey().equals(posting.categoryKey()));
    }

    private static List<Posting> postings(Document document) {
        Document entries = document.get(ENTRIES, Document.class);
        if (entries == null) {
            return List.of();
        }
        List<Posting> postings = new ArrayList<>(entries.size());
        for (Object value : entries.values()) {
            Document entry = (Document) value;
            postings.add(new Posting(entry.getString("i"), entry.getDate("t").toInstant(),
                    Boolean.TRUE.equals(entry.getBoolean("h")), entry.getString("a"), entry.getString("c")));
        }
        return postings;
    }

    /** The newest-first order as a comparator: negative when {@code a} comes first. */
    static int newestFirst(StoryPosition a, StoryPosition b) {
        int byTime = b.publishedAt().compareTo(a.publishedAt());
        return byTime != 0 ? byTime : b.id().compareTo(a.id());
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
        return PLAIN_ID.matcher(id).matches() ? id
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
