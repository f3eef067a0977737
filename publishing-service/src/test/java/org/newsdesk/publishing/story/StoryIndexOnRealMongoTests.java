package org.newsdesk.publishing.story;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The keyword index on a real MongoDB, the production target: the same answers as on the
 * in-process server, and stories of one month written at once (which upsert the same posting
 * documents, where real MongoDB can refuse the loser of an upsert race) all indexed. Skipped on
 * machines without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class StoryIndexOnRealMongoTests {

    @Container
    static final MongoDBContainer mongo = new MongoDBContainer("mongo:8");

    static MongoClient client;
    static StoryRepository stories;

    @BeforeAll
    static void repository() {
        client = MongoClients.create(mongo.getConnectionString());
        stories = StoryRepositories.over(new ReactiveMongoTemplate(client, "stories-" + UUID.randomUUID()));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void searchFoldsAccentsAndRanksTheBestMatchesFirst() {
        // Given stories matching a query more or less well
        Instant noon = Instant.parse("2025-03-01T12:00:00Z");
        Story both = store("Café reopens on Bath Street", "Crème brûlée is back.", "Ilkeston", noon);
        Story one = store("Bath Street closed", "Roadworks all week.", "Ilkeston", noon.plusSeconds(60));

        // When a reader searches without accents
        List<String> found = stories.search(StoryQuery.of("cafe bath", null, null), null, 10).block().items().stream()
                .map(Story::id)
                .toList();

        // Then both are found, the one matching both words first
        assertThat(found).containsExactly(both.id(), one.id());
    }

    @Test
    void storiesOfOneMonthWrittenAtOnceAreAllIndexedAndListed() {
        // Given one area and sixteen stories decided in the same minute
        String area = "Risley " + UUID.randomUUID().toString().substring(0, 6);
        Instant minute = Instant.parse("2025-04-01T09:00:00Z");

        // When they are all stored at once, as several instances of the service might
        List<Story> stored = Flux.fromStream(IntStream.range(0, 16).boxed())
                .flatMap(i -> stories.store(new StoryDraft(
                                UUID.randomUUID().toString(),
                                "Story " + i,
                                "Text " + i,
                                area,
                                "Community",
                                minute.plusMillis(i),
                                2))
                        .subscribeOn(Schedulers.parallel()))
                .collectList()
                .block();

        // Then the area lists every one of them, newest first, over pages
        List<String> listed = new java.util.ArrayList<>();
        StoryPosition after = null;
        StoryPage page;
        do {
            page = stories.page(StoryQuery.area(area), after, 5).block();
            page.items().forEach(story -> listed.add(story.id()));
            after = StoryPosition.valueOf(page.next());
        } while (after != null);
        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(
                        stored.stream().map(Story::id).toList())
                .doesNotHaveDuplicates();
    }

    private static Story store(String headline, String body, String area, Instant publishedAt) {
        return stories.store(new StoryDraft(UUID.randomUUID().toString(), headline, body, area, null, publishedAt, 2))
                .block();
    }
}
