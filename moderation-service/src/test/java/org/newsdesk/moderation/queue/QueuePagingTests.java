package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.ModerationTestClient;
import org.newsdesk.moderation.ModerationTestClient.QueueEntry;
import org.newsdesk.moderation.ModerationTestClient.QueueResponse;
import org.newsdesk.moderation.TestTips;
import org.newsdesk.moderation.tip.ModeratedTip;
import org.newsdesk.moderation.tip.Submission;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The queue API in pages: oldest first, an opaque cursor, filters and a count, with ten thousand
 * tips waiting. Tips are written straight into MongoDB (the intake's own document shape) in an
 * area of their own, so the test neither waits on ten thousand Kafka records nor sees other tests' tips.
 */
@ModerationIntegrationTest
class QueuePagingTests {

    private static final int MANY = 10_000;

    @Autowired
    WebTestClient webTestClient;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ReactiveMongoOperations mongo;

    ModerationTestClient moderation;
    String area;

    @BeforeEach
    void setUp() {
        moderation = new ModerationTestClient(webTestClient, kafka);
        area = "Paging-" + UUID.randomUUID();
    }

    @Autowired
    InMemoryQueueOrder order;

    @AfterEach
    void removeTheFlood() {
        // The other tests read the whole queue: ten thousand extra tips would only slow them down.
        mongo.remove(query(where("submission.area").is(area)), ModeratedTip.class)
                .block(Duration.ofMinutes(1));
        order.resync().block(Duration.ofMinutes(1));
    }

    /**
     * These tests write tips straight into MongoDB, past the intake that tells the in-memory view
     * of each new tip: the view's periodic reading of the whole queue finds them, done here at once.
     */
    private void insertPastTheIntake(List<ModeratedTip> tips) {
        mongo.insertAll(tips).then().block(Duration.ofMinutes(2));
        order.resync().block(Duration.ofMinutes(1));
    }

    @Test
    void tenThousandWaitingTipsArePagedOldestFirstWithoutGapsOrRepeats() {
        // Given ten thousand pending tips, many of them sent in the same millisecond
        Instant start = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        List<ModeratedTip> flood = new ArrayList<>(MANY);
        for (int i = 0; i < MANY; i++) {
            String tipId = TestTips.newTipId();
            Submission submission = new Submission(
                    UUID.randomUUID().toString(),
                    "Tip " + i,
                    "Body " + i,
                    area,
                    i % 2 == 0 ? "crime" : "community",
                    null,
                    start.plusMillis(i / 3));
            flood.add(ModeratedTip.pending(tipId, submission, 1, Instant.now(), null));
        }
        insertPastTheIntake(flood);

        // When a moderator pages through the area's queue, 500 at a time
        List<QueueEntry> seen = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            QueueResponse page = moderation.queuePage("/api/queue?limit=500&area={area}&cursor={cursor}", area, cursor);
            seen.addAll(page.items());
            counts.add(page.waiting());
            cursor = page.next();
            pages++;
        } while (cursor != null);

        // Then every tip came exactly once, oldest first, on twenty pages, each counting all that wait
        assertThat(pages).isEqualTo(20);
        assertThat(seen).hasSize(MANY);
        assertThat(new HashSet<>(seen.stream().map(QueueEntry::tipId).toList())).hasSize(MANY);
        for (int i = 1; i < seen.size(); i++) {
            QueueEntry before = seen.get(i - 1);
            QueueEntry after = seen.get(i);
            assertThat(!after.submittedAt().isBefore(before.submittedAt()))
                    .as("ordered by age at %d", i)
                    .isTrue();
            if (after.submittedAt().equals(before.submittedAt())) {
                assertThat(after.tipId()).isGreaterThan(before.tipId());
            }
        }
        assertThat(counts).containsOnly((long) MANY);

        // And a category filter narrows the same queue, with its own count
        QueueResponse crime = moderation.queuePage("/api/queue?limit=10&area={area}&category=crime", area);
        assertThat(crime.items())
                .hasSize(10)
                .allSatisfy(item -> assertThat(item.category()).isEqualTo("crime"));
        assertThat(crime.waiting()).isEqualTo(MANY / 2);
        assertThat(crime.next()).isNotNull();
    }

    @Test
    void aTipDecidedBetweenPagesDoesNotShiftTheNextPage() throws Exception {
        // Given three waiting tips in an area, read one page of two
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        List<ModeratedTip> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(ModeratedTip.pending(
                    TestTips.newTipId(),
                    new Submission(
                            UUID.randomUUID().toString(),
                            "Tip " + i,
                            "Body",
                            area,
                            "crime",
                            null,
                            start.plusSeconds(i)),
                    1,
                    Instant.now(),
                    null));
        }
        insertPastTheIntake(three);
        QueueResponse first = moderation.queuePage("/api/queue?limit=2&area={area}", area);

        // When the first tip is decided before the next page is read
        moderation
                .decide(three.get(0).tipId(), "{\"outcome\":\"APPROVED\"}")
                .expectStatus()
                .isOk();
        QueueResponse second =
                moderation.queuePage("/api/queue?limit=2&area={area}&cursor={cursor}", area, first.next());

        // Then the next page holds exactly the third tip, and it is the last
        assertThat(first.items())
                .extracting(QueueEntry::tipId)
                .containsExactly(three.get(0).tipId(), three.get(1).tipId());
        assertThat(second.items())
                .extracting(QueueEntry::tipId)
                .containsExactly(three.get(2).tipId());
        assertThat(second.next()).isNull();
        assertThat(second.waiting()).isEqualTo(2);
    }

    @Test
    void aTipThatLeftTheQueueWithoutNoticeIsLeftOffThePage() {
        // Given two waiting tips the view knows of
        Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        List<ModeratedTip> two = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            two.add(ModeratedTip.pending(
                    TestTips.newTipId(),
                    new Submission(
                            UUID.randomUUID().toString(),
                            "Tip " + i,
                            "Body",
                            area,
                            "crime",
                            null,
                            start.plusSeconds(i)),
                    1,
                    Instant.now(),
                    null));
        }
        insertPastTheIntake(two);

        // When the first disappears from MongoDB without a word to the view (as after a crash)
        mongo.remove(query(where("_id").is(two.get(0).tipId())), ModeratedTip.class)
                .block(Duration.ofSeconds(10));

        // Then a page shows only the second, and the count follows
        QueueResponse page = moderation.queuePage("/api/queue?limit=1&area={area}", area);
        assertThat(page.items())
                .extracting(QueueEntry::tipId)
                .containsExactly(two.get(1).tipId());
        assertThat(page.next()).isNull();
        assertThat(page.waiting()).isEqualTo(1);
    }

    @Test
    void aBadLimitOrCursorIsAProblemNamingTheParameter() {
        // Given a moderator's client
        // When it asks for too many tips, or sends a cursor this queue never made
        // Then each is a 400 naming the parameter
        for (String[] bad : new String[][] {
            {"limit", "0"},
            {"limit", "501"},
            {"limit", "ten"},
            {"cursor", "bm90LWEtY3Vyc29y"},
            {"cursor", "%%%"},
            {"list", "everything"}
        }) {
            webTestClient
                    .get()
                    .uri("/api/queue?{name}={value}", bad[0], bad[1])
                    .headers(headers -> headers.setBasicAuth(
                            ModerationIntegrationTest.MODERATOR, ModerationIntegrationTest.MODERATOR_PASSWORD))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo(bad[0]);
        }
    }
}
