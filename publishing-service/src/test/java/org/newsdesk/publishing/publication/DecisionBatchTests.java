package org.newsdesk.publishing.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryCorrected;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryRepository;
import org.newsdesk.testsupport.KafkaTopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Decisions that reach publishing together, as one poll of the partition hands them over: given
 * to the listener directly, so the batch is exactly the one written here, on the real store and
 * broker.
 */
@PublishingIntegrationTest
class DecisionBatchTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    TipDecidedListener listener;

    @Autowired
    StoryRepository stories;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    WebTestClient web;

    KafkaTopicProbe probe;

    @BeforeEach
    void probe() {
        probe = new KafkaTopicProbe(broker.getBrokersAsString());
    }

    @Test
    void decisionsThatArriveTogetherAreEachPublishedFindableAndAnnounced() {
        // Given a batch: three approvals, a declined tip, and the first tip decided again in new words
        List<String> words = new ArrayList<>();
        List<TipDecided> approvals = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            words.add(word());
            approvals.add(Decisions.approved(
                    Decisions.newTipId(), "Lanterns on the " + words.get(n), "The " + words.get(n) + " was lit."));
        }
        TipDecided declined = Decisions.rejected(Decisions.newTipId());
        String newWord = word();
        TipDecided again = Decisions.decidedAgain(approvals.get(0), "The " + newWord + " parade", "Moved to June.");

        // When the listener is handed them at once
        listener.on(batch(approvals.get(0), approvals.get(1), declined, approvals.get(2), again));

        // Then each approved tip is a story, the first one in its second decision's words
        Story first = stories.findById(approvals.get(0).tipId()).block();
        assertThat(first.headline()).isEqualTo("The " + newWord + " parade");
        assertThat(first.revision()).isEqualTo(2);
        for (TipDecided approval : approvals.subList(1, 3)) {
            assertThat(stories.findById(approval.tipId()).block().headline()).isEqualTo(approval.headline());
        }
        assertThat(stories.findById(declined.tipId()).blockOptional()).isEmpty();

        // And readers find each story by its words, the first by its new words only
        assertThat(searchPage(newWord)).contains(first.slug());
        assertThat(searchPage(words.get(0))).contains("No story matches your words.");
        for (int n = 1; n < 3; n++) {
            assertThat(searchPage(words.get(n))).contains("Lanterns on the " + words.get(n));
        }

        // And every revision is announced once: the first tip twice (revisions 1 and 2), the others once
        await().atMost(PATIENCE)
                .until(
                        () -> probe.records(
                                Topics.STORIES_PUBLISHED, approvals.get(0).tipId()),
                        found -> found.size() == 2);
        for (TipDecided approval : approvals.subList(1, 3)) {
            await().atMost(PATIENCE)
                    .until(() -> probe.records(Topics.STORIES_PUBLISHED, approval.tipId()), found -> found.size() == 1);
        }
        assertThat(probe.records(Topics.STORIES_PUBLISHED, declined.tipId())).isEmpty();
    }

    @Test
    void aBatchRevisesAStoryStoredBeforeAndAppliesACorrectionThatCameBeforeItsStory() {
        // Given a story published earlier, and a correction that arrived before its own story
        // (the story's decision is re-driven after it)
        TipDecided published = Decisions.approved(Decisions.newTipId(), "Library hours", "Open until six.");
        listener.on(batch(published));
        TipDecided lateDecision = Decisions.approved(Decisions.newTipId(), "Pool closed", "For repairs.");
        StoryCorrected earlyCorrection = Decisions.corrected(
                lateDecision.tipId(),
                lateDecision.revision() + 1,
                "Pool closed until May",
                "For repairs until May.",
                "The reopening date was missing.",
                Instant.now());
        listener.on(batch(earlyCorrection));
        assertThat(stories.findById(lateDecision.tipId()).blockOptional()).isEmpty();

        // When one batch brings the earlier story's new decision, the late decision and a new tip's
        TipDecided again = Decisions.decidedAgain(published, "Library hours change", "Open until eight.");
        TipDecided fresh = Decisions.approved(Decisions.newTipId(), "Fair on the green", "On Sunday.");
        listener.on(batch(again, lateDecision, fresh));

        // Then the earlier story takes the new words as its second revision
        Story revised = stories.findById(published.tipId()).block();
        assertThat(revised.headline()).isEqualTo("Library hours change");
        assertThat(revised.revision()).isEqualTo(2);
        // And the late story is stored as corrected, its correction noted once
        Story late = stories.findById(lateDecision.tipId()).block();
        assertThat(late.headline()).isEqualTo("Pool closed until May");
        assertThat(late.body()).isEqualTo("For repairs until May.");
        assertThat(late.corrections()).hasSize(1);
        // And the new tip's story is there as decided
        assertThat(stories.findById(fresh.tipId()).block().headline()).isEqualTo("Fair on the green");
    }

    @Test
    void aDecisionThatCannotBePublishedIsNamedByItsPlaceAfterThoseBeforeItArePublished() {
        // Given a batch whose third decision is an approval without a body
        TipDecided first = Decisions.approved(Decisions.newTipId(), "Bus shelter repaired", "On Station Road.");
        TipDecided second = Decisions.approved(Decisions.newTipId(), "Choir concert", "In the library.");
        TipDecided broken = Decisions.approved(Decisions.newTipId(), "A headline and nothing else", " ");
        TipDecided after = Decisions.approved(Decisions.newTipId(), "Market returns", "On Saturday.");

        // When the listener is handed them
        // Then it names the broken one's place to the error handler, which commits the records before it
        assertThatThrownBy(() -> listener.on(batch(first, second, broken, after)))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isEqualTo(2));

        // And the two before it are published, the one after it is left for the redelivery
        assertThat(stories.findById(first.tipId()).blockOptional()).isPresent();
        assertThat(stories.findById(second.tipId()).blockOptional()).isPresent();
        assertThat(stories.findById(broken.tipId()).blockOptional()).isEmpty();
        assertThat(stories.findById(after.tipId()).blockOptional()).isEmpty();
    }

    private static List<ConsumerRecord<String, Object>> batch(NewsdeskEvent... events) {
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        for (NewsdeskEvent event : events) {
            records.add(new ConsumerRecord<>(Topics.TIPS_DECIDED, 0, records.size(), event.tipId(), event));
        }
        return records;
    }

    private String searchPage(String word) {
        return web.get()
                .uri("/search?q={word}", word)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** A word no other test's story has: letters only, as the index takes words. */
    private static String word() {
        return "w" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    }
}
