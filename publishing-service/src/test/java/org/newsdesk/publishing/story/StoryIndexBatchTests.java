package org.newsdesk.publishing.story;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The rebuild indexes hundreds of stories in one call, the live path one story per call: both
 * must leave the same index, document for document, also when a story in a batch was indexed
 * before in other words (its old postings left) and when sections are named in different cases
 * (the first story names them).
 */
class StoryIndexBatchTests {

    private static final Instant MARCH = Instant.parse("2026-03-10T09:00:00Z");
    private static final List<String> AREAS = List.of("Erewash", "erewash", "Ilkeston");
    private static final List<String> WORDS = List.of("flood", "school", "market", "bridge", "choir", "bus");

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(InProcessMongo.connectionString());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void storiesIndexedManyAtOnceLeaveTheSameIndexAsOneAtATime() {
        // Given stories over three months sharing words and areas, and a later edit of the first
        List<StoryDraft> drafts = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            drafts.add(new StoryDraft(
                    Decisions.newTipId(),
                    "The " + WORDS.get(n % WORDS.size()) + " story number " + n,
                    "About the " + WORDS.get((n + 1) % WORDS.size()) + " and the " + WORDS.get((n + 3) % WORDS.size()),
                    AREAS.get(n % AREAS.size()),
                    n % 2 == 0 ? "Roads" : "roads",
                    MARCH.plusSeconds(n * 86_400L * 3),
                    Decisions.DECIDED_REVISION));
        }
        StoryDraft first = drafts.get(0);
        StoryDraft edit = new StoryDraft(
                first.tipId(),
                "Entirely other words",
                "Nothing of what it said before",
                "Heanor",
                "Schools",
                MARCH,
                Decisions.DECIDED_REVISION + 1);
        ReactiveMongoOperations oneByOne = database("index-one-by-one");
        ReactiveMongoOperations inBatches = database("index-in-batches");

        // When one database indexes each story as it is stored, as publishing does
        StoryRepository live = StoryRepositories.over(oneByOne);
        drafts.forEach(draft -> live.store(draft).block());
        live.store(edit).block();

        // And the other stores them first and indexes them in two batches, the edit in the second
        StoryRepository rebuild = StoryRepositories.over(inBatches);
        List<Story> firstHalf = new ArrayList<>();
        List<Story> secondHalf = new ArrayList<>();
        for (int n = 0; n < drafts.size(); n++) {
            (n < drafts.size() / 2 ? firstHalf : secondHalf)
                    .add(rebuild.storeUnindexed(drafts.get(n), null).block());
        }
        rebuild.index(firstHalf).block();
        secondHalf.add(rebuild.storeUnindexed(edit, null).block());
        rebuild.index(secondHalf).block();

        // Then both hold the same index
        for (String collection :
                List.of(StoryIndex.POSTINGS, StoryIndex.TERMS, StoryIndex.SECTIONS, StoryIndex.STATE)) {
            assertThat(contents(inBatches, collection))
                    .as(collection)
                    .isNotEmpty()
                    .isEqualTo(contents(oneByOne, collection));
        }
        // And the edited story left its old words' postings in both
        assertThat(contents(inBatches, StoryIndex.STATE).get(first.tipId()).getList("postings", String.class))
                .noneMatch(posting -> posting.startsWith(StoryIndex.WORD + "flood"));
    }

    @Test
    void aMonthIsReadAcrossItsDaysWithTheMonthDocumentOfAnIndexFromBefore() {
        // Given stories on three days of March and one in February, one word shared by all
        ReactiveMongoOperations mongo = database("index-by-day");
        StoryRepository stories = StoryRepositories.over(mongo);
        String word = "lantern" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9-]", "x");
        Instant first = Instant.parse("2026-03-01T00:00:01Z");
        Instant middle = Instant.parse("2026-03-15T12:00:00Z");
        Instant last = Instant.parse("2026-03-31T23:59:59Z");
        Instant february = Instant.parse("2026-02-28T08:00:00Z");
        List<String> newestFirst = new ArrayList<>();
        for (Instant at : List.of(last, middle, first, february)) {
            StoryDraft draft = new StoryDraft(
                    Decisions.newTipId(), "The " + word + " parade", "Every street.", "Erewash", null, at, 1);
            newestFirst.add(stories.store(draft).block().id());
        }
        // And one story indexed before the days were split: its March entry in the month's document
        String older = Decisions.newTipId();
        Instant olderAt = Instant.parse("2026-03-20T10:00:00Z");
        Document entry = new Document("i", older)
                .append("t", java.util.Date.from(olderAt))
                .append("h", true)
                .append("a", "erewash")
                .append("c", "");
        mongo.getCollection(StoryIndex.POSTINGS)
                .flatMap(postings -> reactor.core.publisher.Mono.from(
                        postings.insertOne(new Document("_id", StoryIndex.WORD + word + "|202603")
                                .append("entries", new Document(StoryIndex.entryKey(older), entry)))))
                .block();
        newestFirst.add(1, older);

        // When the area's stories and the word are asked for
        StoryIndex index = new StoryIndex(mongo);
        List<String> listed = index.newest(StoryQuery.area("Erewash"), null, 10).block().stream()
                .map(StoryPosition::id)
                .toList();
        List<String> found = index.best(StoryQuery.of(word, null, null), null, 10).block().stream()
                .map(SearchPosition::id)
                .toList();

        // Then every day's story is listed newest first, across the month's days and months
        assertThat(listed)
                .containsExactlyElementsOf(
                        newestFirst.stream().filter(id -> !id.equals(older)).toList());
        // And the search finds them with the one the month's document holds, newest first
        assertThat(found).containsExactlyElementsOf(newestFirst);
        // And each day has a posting document of its own
        assertThat(contents(mongo, StoryIndex.POSTINGS).keySet())
                .contains(StoryIndex.WORD + word + "|202603~01", StoryIndex.WORD + word + "|202603~31");
    }

    private static ReactiveMongoOperations database(String name) {
        return new ReactiveMongoTemplate(client, name + "-" + UUID.randomUUID());
    }

    private static Map<Object, Document> contents(ReactiveMongoOperations mongo, String collection) {
        Map<Object, Document> byId = new TreeMap<>();
        mongo.findAll(Document.class, collection)
                .doOnNext(document -> byId.put(document.get("_id"), document))
                .blockLast();
        return byId;
    }
}
