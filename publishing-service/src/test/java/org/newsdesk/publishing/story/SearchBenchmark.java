package org.newsdesk.publishing.story;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.newsdesk.store.StoreBackend;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;

/**
 * Not a test: a benchmark of lists and searches over the keyword index against the same queries as
 * plain scans of the stories (a sort, and a case-insensitive regex over headline and body), side
 * by side in one run on one mongo-java-server, so that the figures are ratios on the same noisy
 * machine rather than absolute promises. Run it by name:
 *
 * <pre>./mvnw -q -o -pl publishing-service -am test -Dtest=SearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.stories=100000</pre>
 *
 * Stories are made from words of the two seed stories and a few accented ones, in 20 areas and
 * 8 categories, over two years. Writing 100,000 through {@link StoryRepository#store} one by one
 * takes about half an hour on mongo-java-server (each story upserts some 50 posting documents),
 * so they are loaded in bulk, with the index documents made by {@link StoryIndex#entries}, the
 * same function the write path uses; first, on a sample, the bulk load and the write path must
 * give the same answers to every query of the benchmark, or it stops. The write path's own rate
 * is measured on that sample. It prints p50/p99 per query.
 */
@EnabledIfSystemProperty(
        named = "benchmark.stories",
        matches = "\\d+",
        disabledReason = "a benchmark: run it by name with -Dbenchmark.stories=100000")
class SearchBenchmark {

    private static final List<String> AREAS = List.of(
            "Erewash",
            "Ilkeston",
            "Long Eaton",
            "Sandiacre",
            "Stapleford",
            "Borrowash",
            "Draycott",
            "Breaston",
            "Risley",
            "Ockbrook",
            "Kirk Hallam",
            "Cotmanhay",
            "West Hallam",
            "Little Eaton",
            "Spondon",
            "Stanton-by-Dale",
            "Dale Abbey",
            "Shipley",
            "Trowell",
            "Awsworth");
    private static final List<String> CATEGORIES =
            List.of("Crime and policing", "Roads", "Schools", "Health", "Events", "Council", "Environment", "Sport");
    private static final List<String> EXTRA = List.of("Café", "crème", "Über", "naïve", "Zoë", "fête", "rosé");

    @Test
    void listsAndSearchesOverTheIndexAgainstPlainScans() throws IOException {
        int count = Integer.getInteger("benchmark.stories");
        int rounds = Integer.getInteger("benchmark.rounds", 200);
        MongoServer server = new MongoServer(StoreBackend.inMemory());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "benchmark");
            StoryRepository stories = StoryRepositories.over(mongo);

            List<StoryDraft> drafts = drafts(count);
            sameAnswersEitherWay(client, drafts.subList(0, Math.min(1_000, count)));
            long seeding = System.nanoTime();
            bulkLoad(mongo, drafts);
            System.out.printf(
                    "%nBulk-loaded %,d stories and their index in %.0f s%n",
                    count, (System.nanoTime() - seeding) / 1e9);

            Map<String, Supplier<Object>> queries = queries(mongo, stories);

            // Warm up the JIT and the server, then measure the pairs interleaved, round after round.
            queries.values().forEach(query -> {
                for (int i = 0; i < 5; i++) {
                    query.get();
                }
            });
            Map<String, Histogram> latencies = new LinkedHashMap<>();
            queries.keySet().forEach(name -> latencies.put(name, new Histogram(60_000_000_000L, 3)));
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, Supplier<Object>> query : queries.entrySet()) {
                    long started = System.nanoTime();
                    query.getValue().get();
                    latencies.get(query.getKey()).recordValue(System.nanoTime() - started);
                }
            }
            System.out.printf(
                    "%n%-48s %10s %10s%n", "query (" + count + " stories, " + rounds + " rounds)", "p50 ms", "p99 ms");
            latencies.forEach((name, histogram) -> System.out.printf(
                    "%-48s %10.2f %10.2f%n",
                    name, histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6));
        } finally {
            server.shutdownNow();
        }
    }

    private static final List<String> SEARCHES =
            List.of("crime", "victim support", "cafe", "drones neighbourhood teams");

    /** Each query over the index, followed by the same question asked the plain way. */
    private static Map<String, Supplier<Object>> queries(ReactiveMongoTemplate mongo, StoryRepository stories) {
        Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
        List<Story> first = stories.page(StoryQuery.ALL, null, 1000).block().items();
        Story last = first.get(first.size() - 1);
        StoryPosition deep = new StoryPosition(last.publishedAt(), last.id());
        queries.put(
                "front page, 20 newest | index",
                () -> ids(stories.page(StoryQuery.ALL, null, 20).block()));
        queries.put("front page, 20 newest | scan", () -> scan(mongo, new Criteria(), 20));
        queries.put(
                "page after 1,000 stories | index",
                () -> ids(stories.page(StoryQuery.ALL, deep, 20).block()));
        queries.put("page after 1,000 stories | scan", () -> scan(mongo, after(deep), 20));
        queries.put(
                "area Ilkeston, 20 newest | index",
                () -> ids(stories.page(StoryQuery.area("Ilkeston"), null, 20).block()));
        queries.put(
                "area Ilkeston, 20 newest | scan",
                () -> scan(mongo, where("area").is("Ilkeston"), 20));
        for (String q : SEARCHES) {
            StoryQuery search = StoryQuery.of(q, null, null);
            queries.put(
                    "search \"" + q + "\" | index",
                    () -> ids(stories.search(search, null, 20).block()));
            queries.put("search \"" + q + "\" | regex scan", () -> regex(mongo, q, 20));
        }
        return queries;
    }

    private static List<String> ids(StoryPage page) {
        return page.items().stream().map(Story::id).toList();
    }

    /** Stops the benchmark unless the bulk load answers every query as the write path does. */
    private static void sameAnswersEitherWay(MongoClient client, List<StoryDraft> sample) {
        ReactiveMongoTemplate written = new ReactiveMongoTemplate(client, "benchmark-written");
        ReactiveMongoTemplate loaded = new ReactiveMongoTemplate(client, "benchmark-loaded");
        StoryRepository writtenStories = StoryRepositories.over(written);
        long started = System.nanoTime();
        Flux.fromIterable(sample).concatMap(writtenStories::store).blockLast();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "%nWrite path (StoryRepository.store): %,d stories in %.1f s, %.0f stories/s%n",
                sample.size(), seconds, sample.size() / seconds);
        bulkLoad(loaded, sample);
        StoryRepository loadedStories = StoryRepositories.over(loaded);
        Map<String, Supplier<Object>> expected = queries(written, writtenStories);
        Map<String, Supplier<Object>> actual = queries(loaded, loadedStories);
        expected.forEach((name, query) -> {
            if (name.endsWith("| index") && !query.get().equals(actual.get(name).get())) {
                throw new IllegalStateException("The bulk load answers '" + name + "' unlike the write path");
            }
        });
        // The in-memory server keeps everything on the heap: make room for the real run.
        written.getMongoDatabase()
                .flatMap(database -> reactor.core.publisher.Mono.from(database.drop()))
                .block();
        loaded.getMongoDatabase()
                .flatMap(database -> reactor.core.publisher.Mono.from(database.drop()))
                .block();
    }

    /**
     * The stories straight into their collection, and their index by the write path, a thousand
     * stories at a time (the rebuild's way, {@link StoryIndex#index}).
     */
    private static void bulkLoad(ReactiveMongoTemplate mongo, List<StoryDraft> drafts) {
        List<Story> stories = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            stories.add(drafts.get(i).withSlug(StorySlugs.of(drafts.get(i).headline()) + "-" + i));
        }
        StoryIndex index = new StoryIndex(mongo);
        for (int from = 0; from < stories.size(); from += 1_000) {
            List<Story> batch = stories.subList(from, Math.min(stories.size(), from + 1_000));
            insert(mongo, batch, StoryRepository.COLLECTION);
            index.index(batch).block();
        }
    }

    private static <T> void insert(ReactiveMongoTemplate mongo, List<T> documents, String collection) {
        for (int from = 0; from < documents.size(); from += 1_000) {
            mongo.insert(documents.subList(from, Math.min(documents.size(), from + 1_000)), collection)
                    .blockLast();
        }
    }

    /** Stories as a resident and a moderator write them: 10-word headlines, 40-word bodies. */
    private static List<StoryDraft> drafts(int count) throws IOException {
        List<String> words = new ArrayList<>(vocabulary());
        words.addAll(EXTRA);
        Random random = new Random(42);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        long span = Duration.ofDays(730).toMillis();
        List<StoryDraft> drafts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            drafts.add(new StoryDraft(
                    UUID.randomUUID().toString(),
                    sentence(words, random, 10),
                    sentence(words, random, 40),
                    AREAS.get(random.nextInt(AREAS.size())),
                    CATEGORIES.get(random.nextInt(CATEGORIES.size())),
                    start.plusMillis((long) (random.nextDouble() * span)),
                    2));
        }
        return drafts;
    }

    private static String sentence(List<String> words, Random random, int length) {
        StringBuilder sentence = new StringBuilder();
        for (int i = 0; i < length; i++) {
            // Zipf-like: common words often, rare words rarely, as in real text.
            int index = (int) Math.min(words.size() - 1, Math.floor(Math.pow(random.nextDouble(), 2.5) * words.size()));
            sentence.append(i == 0 ? "" : " ").append(words.get(index));
        }
        return sentence.toString();
    }

    private static List<String> vocabulary() throws IOException {
        List<String> words = new ArrayList<>();
        for (String seed : List.of("2023-01-20-police-and-crime-plan.txt", "2023-07-26-victim-support.txt")) {
            try (InputStream in = SearchBenchmark.class.getResourceAsStream("/org/newsdesk/publishing/seeds/" + seed)) {
                for (String word : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("[^\\p{L}\\p{N}'-]+")) {
                    if (word.length() > 1 && !words.contains(word)) {
                        words.add(word);
                    }
                }
            }
        }
        return words;
    }

    private static Criteria after(StoryPosition position) {
        return new Criteria()
                .orOperator(
                        where("publishedAt").lt(position.publishedAt()),
                        where("publishedAt")
                                .is(position.publishedAt())
                                .and("_id")
                                .lt(position.id()));
    }

    /** The plain way: a newest-first sort of the stories collection. */
    private static Object scan(ReactiveMongoTemplate mongo, Criteria criteria, int size) {
        Query query = query(criteria)
                .with(Sort.by(Sort.Order.desc("publishedAt"), Sort.Order.desc("_id")))
                .limit(size + 1);
        return mongo.find(query, Story.class).map(Story::id).collectList().block();
    }

    /** The plain search: any word anywhere in headline or body, case-insensitive (accents are not folded). */
    private static Object regex(ReactiveMongoTemplate mongo, String text, int size) {
        List<Criteria> any = new ArrayList<>();
        for (String word : text.split(" ")) {
            any.add(where("headline").regex(Pattern.quote(word), "i"));
            any.add(where("body").regex(Pattern.quote(word), "i"));
        }
        return scan(mongo, new Criteria().orOperator(any), size);
    }
}
