package org.newsdesk.publishing.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.newsdesk.messaging.outbox.Outbox;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

@PublishingIntegrationTest
class StoryRepositoryTests {

    @Autowired
    StoryRepository stories;

    @Autowired
    ReactiveMongoOperations mongo;

    @Test
    void storingTheSameTipAgainChangesNothing() {
        // Given a stored story
        String tipId = Decisions.newTipId();
        Story first =
                stories.store(draft(tipId, "Pothole on Derby Road " + tipId)).block();

        // When the same tip is stored again, even with other words
        Story again = stories.store(new StoryDraft(
                        tipId, "Edited headline", "Edited body", null, null, Instant.now(), Decisions.DECIDED_REVISION))
                .block();

        // Then the first story stands, and is what the second call answers
        assertThat(again).isEqualTo(first);
        assertThat(stories.findById(tipId).block()).isEqualTo(first);
    }

    @Test
    void aSlugTakenByAnotherStoryMovesToTheNextVariant() {
        // Given a headline whose natural slug, and one of its variants, are taken, the latter by
        // a story whose own headline happens to end in a number
        String headline = "Fete on the green " + Decisions.newTipId().substring(0, 8);
        String base = StorySlugs.of(headline);
        Story original = stories.store(draft(Decisions.newTipId(), headline)).block();
        Story numbered =
                stories.store(draft(Decisions.newTipId(), headline + " 2")).block();

        // When two more stories with the same headline are stored
        Story second = stories.store(draft(Decisions.newTipId(), headline)).block();
        Story third = stories.store(draft(Decisions.newTipId(), headline)).block();

        // Then each gets the first slug nobody else has
        assertThat(original.slug()).isEqualTo(base);
        assertThat(numbered.slug()).isEqualTo(base + "-2");
        assertThat(second.slug()).isEqualTo(base + "-3");
        assertThat(third.slug()).isEqualTo(base + "-4");
        assertThat(stories.findBySlug(base + "-3").block()).isEqualTo(second);
    }

    @Test
    void storiesStoredConcurrentlyWithOneHeadlineStillGetDistinctSlugs() {
        // Given one headline for eight tips
        String headline = "Power cut in Ilkeston " + Decisions.newTipId().substring(0, 8);
        List<String> tipIds =
                IntStream.range(0, 8).mapToObj(i -> Decisions.newTipId()).toList();

        // When they are all stored at once, as several instances of the service might
        List<Story> stored = Flux.fromIterable(tipIds)
                .flatMap(tipId -> stories.store(draft(tipId, headline)).subscribeOn(Schedulers.parallel()))
                .collectList()
                .block();

        // Then the unique index makes the losers of each race move on: eight stories, eight slugs
        assertThat(stored).extracting(Story::id).containsExactlyInAnyOrderElementsOf(tipIds);
        assertThat(stored)
                .extracting(Story::slug)
                .doesNotHaveDuplicates()
                .allMatch(slug -> slug.matches("^" + StorySlugs.of(headline) + "(-[0-9]+)?$"));
    }

    @Test
    void storiesSharingAHeadlineTakeItsVariantsInTurnPastOneLookUpsWorth() {
        // Given more stories with one headline than one look-up of taken slugs asks for
        String headline = "Bin collections move to Tuesdays " + Decisions.newTipId();
        String base = StorySlugs.of(headline);
        int count = SlugAllocation.WINDOW + 3;

        // When they are stored one after the other
        List<String> slugs = IntStream.range(0, count)
                .mapToObj(i -> stories.store(draft(Decisions.newTipId(), headline))
                        .block()
                        .slug())
                .toList();

        // Then each takes the first free variant: the base, then base-2 and on, across look-ups
        assertThat(slugs).containsExactlyElementsOf(StorySlugs.variants(base, 1, count));
    }

    @Test
    void aStoryIsStoredWithItsAnnouncementInOneWrite() {
        // When a story is stored
        String tipId = Decisions.newTipId();
        Story stored = stories.store(draft(tipId, "Announce me")).block();

        // Then its StoryPublished waits in the same document, for its first revision
        Document raw = mongo.findById(tipId, Document.class, StoryRepository.COLLECTION)
                .block();
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(raw.getList(Outbox.ENTRIES, Document.class))
                .singleElement()
                .satisfies(entry -> assertThat(entry.getString("payload"))
                        .contains("\"slug\":\"" + stored.slug() + "\"")
                        .contains("\"revision\":1"));
    }

    @Test
    void aNewerDecisionRevisesTheStoryAndAnOlderOneChangesNothing() {
        // Given a story from the tip's second revision
        String tipId = Decisions.newTipId();
        Story first = stories.store(draft(tipId, "Bus shelter repaired")).block();

        // When the tip's third revision arrives (an edit), then its first, late
        Story revised = stories.store(new StoryDraft(
                        tipId,
                        "Bus shelter repaired at last",
                        "After three months.",
                        "Long Eaton",
                        "Roads",
                        Instant.now(),
                        Decisions.DECIDED_REVISION + 1))
                .block();
        Story late = stories.store(
                        new StoryDraft(tipId, "Stale words", "Stale body", "Long Eaton", "Roads", Instant.now(), 1))
                .block();

        // Then the edit is the story's second revision, at the same address and publication time,
        // announced again; the late one changed nothing
        assertThat(revised.revision()).isEqualTo(2);
        assertThat(revised.headline()).isEqualTo("Bus shelter repaired at last");
        assertThat(revised.slug()).isEqualTo(first.slug());
        assertThat(revised.publishedAt()).isEqualTo(first.publishedAt());
        assertThat(late).isEqualTo(revised);
        assertThat(stories.findById(tipId).block()).isEqualTo(revised);
        Document raw = mongo.findById(tipId, Document.class, StoryRepository.COLLECTION)
                .block();
        assertThat(raw.getList(Outbox.ENTRIES, Document.class))
                .extracting(entry -> entry.get("revision"))
                .containsExactly(1L, 2L);
    }

    private static StoryDraft draft(String tipId, String headline) {
        return new StoryDraft(
                tipId,
                headline,
                "What the resident saw.",
                "Long Eaton",
                "Roads",
                Instant.now(),
                Decisions.DECIDED_REVISION);
    }
}
