package org.newsdesk.publishing.story;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The promise of the cursors: a client paging through a list, or a search, while stories keep
 * arriving (newer than everything, in the middle of what it has not read yet, or decided long ago
 * and delivered late) sees every story that existed when it started exactly once, and nothing
 * twice. Runs over the repository and the cursors' text form, as the API and the pages use them,
 * on the in-process MongoDB wire server; each try has an area (and a word) of its own.
 */
class PagingWhileStoriesArriveTests {

    private static MongoClient client;
    private static StoryRepository stories;

    @BeforeContainer
    static void repository() {
        client = MongoClients.create(InProcessMongo.connectionString());
        stories = StoryRepositories.over(new ReactiveMongoTemplate(client, "paging-properties"));
    }

    @AfterContainer
    static void close() {
        client.close();
    }

    /** A story to publish: seconds after a base instant (so that many share a millisecond), and whether the searched word is in its headline. */
    record Arrival(int second, boolean inHeadline) {}

    /** Stories published before the client starts, and those arriving after each page it reads. */
    record Scenario(List<Arrival> initial, List<List<Arrival>> arrivals, int pageSize) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Arrival> arrival = Combinators.combine(
                        Arbitraries.integers().between(-30, 60), Arbitraries.of(true, false))
                .as(Arrival::new);
        return Combinators.combine(
                        arrival.list().ofMinSize(0).ofMaxSize(40),
                        arrival.list().ofMaxSize(4).list().ofMaxSize(30),
                        Arbitraries.integers().between(1, 7))
                .as(Scenario::new);
    }

    @Property(tries = 60)
    void aClientListingAnAreaSeesEveryStoryThatExistedOnce(@ForAll("scenarios") Scenario scenario) {
        walk(scenario, false);
    }

    @Property(tries = 60)
    void aClientPagingASearchSeesEveryMatchThatExistedOnce(@ForAll("scenarios") Scenario scenario) {
        walk(scenario, true);
    }

    private void walk(Scenario scenario, boolean search) {
        // Given the stories of an area (all of them holding a word of their own) when the client starts
        String area = "area-" + UUID.randomUUID();
        String word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Instant base = Instant.parse("2025-06-01T12:00:00Z");
        Set<String> existing = new HashSet<>();
        for (Arrival arrival : scenario.initial()) {
            existing.add(publish(arrival, area, word, base));
        }
        StoryQuery query = search ? StoryQuery.of(word, area, null) : StoryQuery.area(area);

        // When it pages through, and stories arrive after every page it reads
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int page = 0;
        do {
            StoryPage found = search
                    ? stories.search(query, SearchPosition.valueOf(cursor), scenario.pageSize())
                            .block()
                    : stories.page(query, StoryPosition.valueOf(cursor), scenario.pageSize())
                            .block();
            assertThat(found.items()).hasSizeLessThanOrEqualTo(scenario.pageSize());
            found.items().forEach(story -> seen.add(story.id()));
            cursor = found.next();
            if (page < scenario.arrivals().size()) {
                scenario.arrivals().get(page).forEach(arrival -> publish(arrival, area, word, base));
            }
            page++;
        } while (cursor != null);

        // Then every story that existed is seen exactly once, and no story twice
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(existing);
    }

    private static String publish(Arrival arrival, String area, String word, Instant base) {
        String id = UUID.randomUUID().toString();
        String headline = arrival.inHeadline() ? "News about " + word : "News";
        stories.store(new StoryDraft(
                        id,
                        headline,
                        "Body with " + word + ".",
                        area,
                        "Community",
                        base.plusSeconds(arrival.second()),
                        2))
                .block();
        return id;
    }
}
